"""Names in a contracts file to the records they mean: departments, categories, CPV codes, frameworks."""

from procure.contracts import selectors
from procure.contracts.importing.rows import ContractRow
from procure.contracts.models import Category, CpvCode, Framework
from procure.organisations.models import Department, Organisation


class Lookups:
    """Everything a file's rows refer to, read once for the whole file."""

    def __init__(self, organisation: Organisation, rows: list[ContractRow]):
        self.organisation = organisation
        departments = list(Department.objects.filter(organisation=organisation))
        self.departments = {key.lower(): department for department in departments
                            for key in (department.code, department.name)}
        self.frameworks = list(selectors.framework_list(organisation=organisation))
        self.cpv = selectors.cpv_codes_get(codes=[code for row in rows for code in row.cpv_codes])
        self.categories = selectors.category_matcher()
        self.new_frameworks: dict[tuple[str, str], dict] = {}

    def department(self, row: ContractRow) -> Department | None:
        if not row.department:
            return None
        found = self.departments.get(row.department.lower())
        if found is None:
            row.problems.append(f"Department '{row.department}' is not one of {self.organisation.name}'s "
                                "departments: add it on the Organisation page, or correct the name or code")
        return found

    def category_list(self, row: ContractRow) -> list[Category]:
        found = []
        for label in row.categories:
            category = self.categories.match(label)
            if category is None:
                row.problems.append(f"Category '{label}' is not a ProClass code or name we recognise: use a "
                                    "code such as 191400, or leave it blank")
            else:
                found.append(category)
        return list(dict.fromkeys(found))

    def cpv_list(self, row: ContractRow) -> list[CpvCode]:
        found = []
        for code in row.cpv_codes:
            cpv = self.cpv.get(code.replace("-", "")[:8])
            if cpv is None:
                row.problems.append(f"CPV code '{code}' is not in CPV 2008: check the digits")
            else:
                found.append(cpv)
        return list(dict.fromkeys(found))

    def framework(self, row: ContractRow) -> Framework | tuple[str, str] | None:
        """The recorded framework the row names, or (name, provider) of one to record, or None."""
        if not row.framework:
            return None
        name, provider = row.framework.lower(), row.framework_provider.lower()
        for framework in self.frameworks:
            if framework.name.lower() == name and (not provider or framework.provider.lower() == provider):
                return framework
        if not row.framework_provider:
            row.problems.append(f"Framework '{row.framework}' is not recorded: add its provider in the "
                                "Framework provider column, or record it on the Frameworks page first")
            return None
        self.new_frameworks.setdefault((name, provider), {
            "name": row.framework, "provider": row.framework_provider, "reference": row.framework_reference})
        return name, provider
