"""Precision and recall of payee-name matching on a labelled spend file.

    .venv/bin/python bench/payee_matching.py [FILE] [--auto-link N] [--suggest N] [--show]

FILE defaults to spend/nwod_bolton_2019-01_enriched.csv in PROCURE_SHARED_DATA (itself defaulting to
shared/data beside the repository). Thresholds default to the settings PROCURE_PAYEE_AUTO_LINK_SCORE and
PROCURE_PAYEE_SUGGEST_SCORE. Prints the figures, then one JSON line.
"""

import argparse
import json
import os
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procure.config.settings")

from django.conf import settings  # noqa: E402

from procure.suppliers.matching_quality import measure, read_rows  # noqa: E402

DEFAULT_FILE = Path("spend") / "nwod_bolton_2019-01_enriched.csv"


def shared_data() -> Path:
    return Path(os.environ.get("PROCURE_SHARED_DATA", REPOSITORY.parent / "shared" / "data"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=None)
    parser.add_argument("--auto-link", type=float, default=settings.PROCURE_PAYEE_AUTO_LINK_SCORE)
    parser.add_argument("--suggest", type=float, default=settings.PROCURE_PAYEE_SUGGEST_SCORE)
    parser.add_argument("--show", action="store_true", help="list wrong links and linked unlabelled payees")
    options = parser.parse_args()
    path = options.file or shared_data() / DEFAULT_FILE
    if not path.exists():
        print(f"No labelled file at {path}: set PROCURE_SHARED_DATA or name the file", file=sys.stderr)
        return 2
    quality = measure(read_rows(path), auto_link=options.auto_link, suggest=options.suggest)
    report(quality, path, show=options.show)
    return 0


def report(quality, path: Path, *, show: bool) -> None:
    print(f"File: {path.name}")
    print(f"Thresholds: link at {quality.auto_link:g}, suggest from {quality.suggest:g}")
    print(f"Register: {quality.suppliers} suppliers, one per labelled company number (Companies House names)")
    print(f"Labelled payee names matched without their numbers: {quality.labelled_names}")
    print(f"  linked: {quality.links}, of which right: {quality.correct_links}")
    print(f"  precision: {quality.precision:.3f}  recall: {quality.recall:.3f}")
    print(f"  sent to review: {quality.to_review}; right supplier suggested first: "
          f"{quality.review_top_suggestion_right} ({quality.review_top_right_rate:.0%}), "
          f"among the suggestions: {quality.review_right_among_suggestions}")
    print(f"  nothing like them (would become new suppliers): {quality.unmatched}")
    print(f"Unlabelled payee names: {quality.unlabelled_names}; linked all the same (counted wrong): "
          f"{quality.unlabelled_linked}, "
          f"sent to review: {quality.unlabelled_to_review}")
    if show:
        for payee, linked, expected in quality.wrong_links:
            print(f"  WRONG  {payee!r} -> {linked!r} (labelled {expected!r})")
        for payee, linked in quality.unlabelled_links:
            print(f"  UNLABELLED  {payee!r} -> {linked!r}")
    print(json.dumps(quality.summary(), sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
