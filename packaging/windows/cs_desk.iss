; Inno Setup script of the Windows installer (Inno Setup 6). Input: the PyInstaller folder
; dist\cs_desk built by scripts/build-desktop. Build:
;   iscc /DAppVersion=0.1.0 packaging\windows\cs_desk.iss      → dist\cs_desk-0.1.0-setup.exe
; Per-user install: no administrator rights, into %LOCALAPPDATA%\Programs\cs_desk, a Start menu
; entry (and an optional desktop icon). The uninstaller asks whether to keep the local cache (the
; agent's synced conversations and any unsent outbox) or remove it with the settings.
; Written for the windows-latest runner of .github/workflows/desktop.yml; not run on the Linux machine
; this project is developed on.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{8B1E4C6A-3F0D-4C1B-9C2E-6D5A7F3B2E10}
AppName=cs_desk
AppVersion={#AppVersion}
AppVerName=cs_desk {#AppVersion}
AppPublisher=cs_desk
DefaultDirName={localappdata}\Programs\cs_desk
DefaultGroupName=cs_desk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
OutputDir=..\..\dist
OutputBaseFilename=cs_desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\cs_desk.ico
UninstallDisplayIcon={app}\cs_desk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "ChineseSimplified.isl"

[CustomMessages]
en.KeepCache=Keep your local cache (synced conversations and changes not yet sent)?%n%nChoose No to remove the cache, the logs and the settings of cs_desk from this computer.
zh_CN.KeepCache=保留本地缓存（已同步的会话和尚未发送的更改）吗？%n%n选择"否"将从这台电脑上删除 cs_desk 的缓存、日志和设置。
en.DesktopIcon=Create a desktop icon
zh_CN.DesktopIcon=创建桌面图标

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "..\..\dist\cs_desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\cs_desk"; Filename: "{app}\cs_desk.exe"
Name: "{userdesktop}\cs_desk"; Filename: "{app}\cs_desk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\cs_desk.exe"; Description: "{cm:LaunchProgram,cs_desk}"; Flags: nowait postinstall skipifsilent

[Code]
{ The cache lives in %LOCALAPPDATA%\cs_desk (cs_desk/paths.py), the settings in
  HKCU\Software\cs_desk (QSettings). A silent uninstall keeps both. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
  begin
    if (not UninstallSilent) and
       (MsgBox(CustomMessage('KeepCache'), mbConfirmation, MB_YESNO or MB_DEFBUTTON1) = IDNO) then
    begin
      DelTree(ExpandConstant('{localappdata}\cs_desk'), True, True, True);
      RegDeleteKeyIncludingSubkeys(HKCU, 'Software\cs_desk');
    end;
  end;
end;
