from cs_desk.server.cli import main

raise SystemExit(main())
