"""``python -m citeguard``"""

from citeguard.cli import main

main()
