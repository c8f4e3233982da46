from cs_desk.app import main

raise SystemExit(main())
