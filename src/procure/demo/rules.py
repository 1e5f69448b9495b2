"""Named rules about building the demo: pure functions."""

from procure.core.errors import BusinessRuleViolation

MAX_SCALE = 20.0


def check_scale(scale: float) -> None:
    """DEMO-2: The scale is above 0 and at most 20 (30,000 suppliers and a million payments)."""
    if not 0 < scale <= MAX_SCALE:
        raise BusinessRuleViolation(code="DEMO-2", message=f"Give a scale above 0 and at most {MAX_SCALE:g}")


def check_sign_ins_free(taken: list[str]) -> None:
    """DEMO-1: The demo's sign-ins must not take over accounts that already exist."""
    if taken:
        raise BusinessRuleViolation(
            code="DEMO-1",
            message=f"Users named {', '.join(sorted(taken))} already exist and are not the demo's: "
                    "rename them, or build the demo in another database")
