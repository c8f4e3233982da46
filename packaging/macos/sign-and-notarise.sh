#!/usr/bin/env bash
# Signs dist/cs_desk.app with a Developer ID, notarises it with Apple and staples the ticket, then
# wraps it in a disk image. Run on macOS after scripts/build-desktop. Not run on the Linux machine
# this project is developed on; .github/workflows/desktop.yml runs it when the secrets exist.
#   IDENTITY="Developer ID Application: Shop Ltd (TEAMID)"
#   NOTARY_PROFILE=cs_desk   # made once with: xcrun notarytool store-credentials cs_desk --apple-id … --team-id … --password <app-specific password>
set -euo pipefail
cd "$(dirname "$0")/../.."
APP=dist/cs_desk.app
VERSION=$(python3 -c 'import re,sys;print(re.search(r"__version__ = \"([^\"]+)\"", open("cs_desk/__init__.py").read())[1])')
: "${IDENTITY:?set IDENTITY to the Developer ID Application certificate name}"
: "${NOTARY_PROFILE:?set NOTARY_PROFILE to a notarytool keychain profile}"

# Inside out: every loose Mach-O first, then each framework as a bundle (PyInstaller 6 keeps Qt's and
# Python's .framework folders whole), then the app (codesign --deep is deprecated for signing).
find "$APP/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) -not -path '*.framework/*' -print0 |
  xargs -0 -n 20 codesign --force --timestamp --options runtime --sign "$IDENTITY"
find "$APP/Contents" -type d -name '*.framework' -prune -print0 |
  xargs -0 -n 1 codesign --force --timestamp --options runtime --sign "$IDENTITY"
codesign --force --timestamp --options runtime --entitlements packaging/macos/entitlements.plist \
  --sign "$IDENTITY" "$APP"
codesign --verify --strict --deep --verbose=2 "$APP"

ditto -c -k --keepParent "$APP" dist/cs_desk.zip
xcrun notarytool submit dist/cs_desk.zip --keychain-profile "$NOTARY_PROFILE" --wait
xcrun stapler staple "$APP"
spctl --assess --type execute --verbose "$APP"

hdiutil create -volname cs_desk -srcfolder "$APP" -ov -format UDZO "dist/cs_desk-$VERSION.dmg"
codesign --force --timestamp --sign "$IDENTITY" "dist/cs_desk-$VERSION.dmg"
xcrun notarytool submit "dist/cs_desk-$VERSION.dmg" --keychain-profile "$NOTARY_PROFILE" --wait
xcrun stapler staple "dist/cs_desk-$VERSION.dmg"
echo "dist/cs_desk-$VERSION.dmg: signed, notarised, stapled"
