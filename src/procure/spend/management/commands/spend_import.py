import json
import sys
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from procure.core.money import format_money
from procure.organisations.selectors import organisation_get
from procure.spend.choices import ImportStatus
from procure.spend.selectors import spend_import_report
from procure.spend.services import spend_import

SHOWN_PROBLEMS = 20


class Command(BaseCommand):
    help = ("Import spend files (CSV or XLSX), each all or nothing. "
            "Usage: procure spend import FILE... --organisation SLUG [--json]")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--organisation", required=True, help="The organisation's slug")
        parser.add_argument("--user", help="Username recorded as the one who imported (default: the system)")
        parser.add_argument("--json", action="store_true", help="Print one JSON object per file, one per line")

    def handle(self, *args, files, organisation, user, json, **options):
        found = organisation_get(slug=organisation)
        if found is None:
            raise CommandError(f"No organisation with slug '{organisation}'. "
                               f"Create it first: procure organisation add {organisation} --name NAME")
        actor = self._actor(user)
        reports = [self._import(Path(name), found, actor, as_json=json) for name in files]
        rejected = [report["file"] for report in reports if report["status"] == ImportStatus.REJECTED]
        if rejected:
            raise CommandError(f"{len(rejected)} of {len(reports)} files rejected, nothing imported from them: "
                               + ", ".join(rejected))

    def _actor(self, username: str | None):
        if not username:
            return None
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"No user called '{username}'")
        return actor

    def _import(self, path: Path, organisation, actor, *, as_json: bool) -> dict:
        if not path.is_file():
            report = _missing_report(path)
        else:
            with tqdm(desc=path.name, unit=" rows", file=sys.stderr, disable=as_json, leave=False) as bar:
                record = spend_import(organisation=organisation, path=path, file_name=path.name, actor=actor,
                                      progress=_progress_to(bar))
            report = spend_import_report(spend_import=record)
        if as_json:
            self.stdout.write(json.dumps(report))
        else:
            self._write_human(report)
        return report

    def _write_human(self, report: dict) -> None:
        status = report["status"]
        if status == ImportStatus.COMPLETED:
            agree = "totals agree" if report["totals_agree"] else "TOTALS DO NOT AGREE"
            self.stdout.write(self.style.SUCCESS(
                f"{report['file']}: imported {report['lines']:,} line{'' if report['lines'] == 1 else 's'}, "
                f"{format_money(_decimal(report['total']))}; "
                f"file's own total {format_money(_decimal(report['file_total']))}, from {report['file_total_source']}: "
                f"{agree}. "
                f"Payees: {report['payees_linked']} linked, {report['payees_new']} new, "
                f"{report['payees_to_review']} to review."))
        elif status == ImportStatus.DUPLICATE:
            self.stdout.write(self.style.WARNING(f"{report['file']}: {report['message']}"))
        else:
            self.stderr.write(f"{report['file']}: rejected. {report['message']}")
            for problem in report["rejected"][:SHOWN_PROBLEMS]:
                where = f"line {problem['line']}" if problem["line"] else "file"
                sheet = f" (sheet '{problem['sheet']}')" if problem.get("sheet") else ""
                self.stderr.write(f"  {where}{sheet}: {problem['reason']}")
            if len(report["rejected"]) > SHOWN_PROBLEMS:
                self.stderr.write(f"  … and {len(report['rejected']) - SHOWN_PROBLEMS:,} more")


def _progress_to(bar: tqdm):
    def update(done: int, total: int) -> None:
        if total and bar.total != total:
            bar.reset(total=total)
            bar.unit = " steps"
        bar.n = done
        bar.refresh()

    return update


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def _missing_report(path: Path) -> dict:
    reason = "No such file: check the path"
    return {"file": str(path), "status": ImportStatus.REJECTED, "lines": 0, "total": "0.00", "file_total": None,
            "file_total_source": "", "totals_agree": None, "rejected": [{"line": None, "sheet": "", "reason": reason}],
            "checksum": "", "import_id": None, "duplicate_of": None, "layout": "", "payees_linked": 0,
            "payees_new": 0, "payees_to_review": 0, "message": reason}
