"""``python -m claimx``."""

from claimx.cli import main

if __name__ == "__main__":
    main()
