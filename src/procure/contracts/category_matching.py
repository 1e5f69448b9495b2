"""A spend file's category text to a ProClass category. Pure: no database.

Finance systems write categories many ways: the six-digit code ('191400'), the name ('Lifts'), an
abbreviated 'TOP : Leaf' label cut to 30 characters ('FACILITIES MGT : Lifts', 'HORTICULTURAL : Tools &
Equipm') or a dotted path of the levels, often with a fourth part of its own ('works - construction, repair
& maint.buildings.maintenance.planned'). The matcher compares words (abbreviations expanded, truncated words
and plurals allowed) and answers None when no category is clearly best.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

ACCEPT = 0.75  # the least similarity for a name to count as naming a category
LEAD = 0.08  # how far the best answer must be ahead of the next
PLACEHOLDERS = {"", "na", "n a", "none", "null", "0", "not classified", "unclassified", "not applicable"}
STOPWORDS = {"and", "of", "the", "for", "a", "an", "to", "in", "on", "inc", "incl", "includes", "etc", "e",
             "g"}
ABBREVIATIONS = {
    "mgt": "management", "mgmt": "management", "mtce": "maintenance", "maint": "maintenance",
    "hr": "human resources", "ict": "information communication technology", "fm": "facilities management",
    "sc": "social care", "hwy": "highway", "bld": "building", "bldg": "building", "env": "environmental",
    "svcs": "services", "equip": "equipment", "admin": "administration", "ppe": "protective",
    "medical": "medical healthcare",
}
_CODE = re.compile(r"^\d{6}(?:\.0+)?$")
_REPAIR_AND_MAINTENANCE = re.compile(r"\br\s*&\s*m\b")


def words(text: str) -> tuple[str, ...]:
    """Lower-case words without punctuation or filler, abbreviations written out."""
    text = text.replace("\xa0", " ").replace("_", " ").lower()
    text = _REPAIR_AND_MAINTENANCE.sub(" repair maintenance ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("&", " and "))
    expanded = [part for word in text.split() for part in ABBREVIATIONS.get(word, word).split()]
    return tuple(word for word in expanded if word not in STOPWORDS)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@lru_cache(maxsize=1 << 16)
def word_matches(query_word: str, name_word: str) -> bool:
    """Equal, equal but for a plural, or the query word is the name word cut short ('equipm', 'tech')."""
    if query_word == name_word or _singular(query_word) == _singular(name_word):
        return True
    return len(query_word) >= 4 and name_word.startswith(query_word)


def similarity(query: tuple[str, ...], name: tuple[str, ...]) -> float:
    """0 to 1: mostly how much of the query the name explains, partly how much of the name it covers."""
    if not query or not name:
        return 0.0
    query_found = sum(1 for word in query if any(word_matches(word, other) for other in name))
    name_found = sum(1 for other in name if any(word_matches(word, other) for word in query))
    return 0.7 * query_found / len(query) + 0.3 * name_found / len(name)


@dataclass(frozen=True)
class CategoryEntry:
    id: int
    code: str
    names: tuple[str, ...]  # from the top of the tree down to this category


@dataclass
class _Node:
    entry: CategoryEntry
    own: tuple[str, ...]
    ancestors: tuple[str, ...]
    children: list["_Node"]


class CategoryMatcher:
    """Every category of one scheme, indexed for matching labels; remembers each label's answer."""

    def __init__(self, entries: list[CategoryEntry], objects: dict[int, Any] | None = None):
        self.objects = objects  # what `match` returns for an id (the Category rows), or the ids themselves
        self.by_code = {entry.code: entry.id for entry in entries}
        self.nodes: list[_Node] = []
        nodes_by_path: dict[tuple[str, ...], _Node] = {}
        for entry in sorted(entries, key=lambda item: len(item.names)):
            ancestors = tuple(word for name in entry.names[:-1] for word in words(name))
            node = _Node(entry, words(entry.names[-1]), ancestors, [])
            nodes_by_path[entry.names] = node
            self.nodes.append(node)
            if parent := nodes_by_path.get(entry.names[:-1]):
                parent.children.append(node)
        self.tops = [node for node in self.nodes if len(node.entry.names) == 1]
        self.by_words_path = {tuple(words(name) for name in entry.names): entry.id for entry in entries}
        self._answers: dict[Any, int | None] = {}

    def match(self, label: object) -> Any:
        key = label if isinstance(label, str | int | float) else str(label)
        if key not in self._answers:
            self._answers[key] = self.match_id(label)
        found = self._answers[key]
        if found is None or self.objects is None:
            return found
        return self.objects.get(found)

    def match_id(self, label: object) -> int | None:
        text = _text(label)
        if " ".join(words(text)) in PLACEHOLDERS or text.lower() in PLACEHOLDERS:
            return None
        if _CODE.match(text):
            return self.by_code.get(text.split(".")[0])
        if " > " in text:
            exact = self.by_words_path.get(tuple(words(part) for part in text.split(" > ")))
            if exact is not None:
                return exact
        if (exact := self._exact_name(words(text))) is not None:
            return exact
        if ":" in text or " > " in text:
            return self._labelled(re.split(r":| > ", text))
        if "." in text:
            return self._dotted([part for part in text.split(".") if words(part)])
        return self._labelled([text])

    def _exact_name(self, query: tuple[str, ...]) -> int | None:
        found = [node.entry.id for node in self.nodes if node.own == query]
        return found[0] if len(found) == 1 else None

    def _labelled(self, parts: list[str]) -> int | None:
        """'TOP : Leaf': the leaf names the category, the parts before it should name its ancestors.

        A category whose name the label covers less than half of cannot win, but still counts as a rival.
        """
        parts = [words(part) for part in parts if words(part)]
        if not parts:
            return None
        leaf, context = parts[-1], tuple(word for part in parts[:-1] for word in part)
        scored, rivals = [], []
        for node in self.nodes:
            score = self._labelled_score(leaf, context, node)
            if score is not None:
                covered = _covered_share(node.own, leaf + context) >= 0.5
                (scored if covered else rivals).append((score, node.entry.id))
        return _clear_winner(scored, rivals)

    @staticmethod
    def _labelled_score(leaf: tuple[str, ...], context: tuple[str, ...], node: _Node) -> float | None:
        leaf_score = _leaf_score(leaf, node)
        if leaf_score < ACCEPT:
            return None
        if not context:
            return leaf_score
        if _found_share(context, node.ancestors + node.own) < 0.5:
            return None  # the label's top part names some other part of the tree
        return 0.7 * leaf_score + 0.3 * _context_score(context, node)

    def _dotted(self, parts: list[str]) -> int | None:
        """'level1.level2.level3.note': walk down the tree while each part names a child (or repeats)."""
        for skipped in (0, 1):  # some ledgers put a word of their own first ('internal.')
            top = _best(words(parts[skipped]) if len(parts) > skipped else (), self.tops)
            if top is not None:
                return self._walk(top, parts[skipped + 1:]).entry.id
        return None

    def _walk(self, node: _Node, parts: list[str]) -> _Node:
        for part in parts:
            query = words(part)
            child = _best(query, node.children) or _best(query, _descendants(node))
            if child is None or similarity(query, node.own) >= similarity(query, child.own):
                if similarity(query, node.own) >= ACCEPT:
                    continue  # the ledger repeats a level when the category has no deeper one
                break
            node = child
        return node


def _text(label: object) -> str:
    if isinstance(label, float) and label.is_integer():
        label = int(label)
    return " ".join(str(label if label is not None else "").split())


def _context_score(context: tuple[str, ...], node: _Node) -> float:
    """How well a label's top part names the category's ancestors (its own name counts half below the top)."""
    own_weight = 0.5 if node.ancestors else 1.0
    return max(_found_share(context, node.ancestors), own_weight * _found_share(context, node.own))


def _descendants(node: _Node) -> list[_Node]:
    return [deeper for child in node.children for deeper in (child, *_descendants(child))]


def _found_share(query: tuple[str, ...], name: tuple[str, ...]) -> float:
    if not query:
        return 0.0
    return sum(1 for word in query if any(word_matches(word, other) for other in name)) / len(query)


def _covered_share(name: tuple[str, ...], query: tuple[str, ...]) -> float:
    """The share of a name's words that the query has (in full or cut short)."""
    return sum(1 for other in name if any(word_matches(word, other) for word in query)) / len(name)


def _leaf_score(leaf: tuple[str, ...], node: _Node) -> float:
    """Like `similarity`, but words the category's own name lacks count half when an ancestor has them."""
    if not node.own:
        return 0.0
    credit = 0.0
    for word in leaf:
        if any(word_matches(word, other) for other in node.own):
            credit += 1
        elif any(word_matches(word, other) for other in node.ancestors):
            credit += 0.5
    covered = _covered_share(node.own, leaf)
    return 0.7 * credit / len(leaf) + 0.3 * covered if covered else 0.0


def _best(query: tuple[str, ...], nodes: list[_Node]) -> _Node | None:
    scored = [(similarity(query, node.own), index) for index, node in enumerate(nodes)]
    winner = _clear_winner([item for item in scored if item[0] >= ACCEPT])
    return nodes[winner] if winner is not None else None


def _clear_winner(scored: list[tuple[float, int]], rivals: list[tuple[float, int]] = ()) -> int | None:
    """The best-scored answer, when it leads every other answer and rival by LEAD."""
    if not scored:
        return None
    scored.sort(key=lambda item: -item[0])
    best_score, best = scored[0]
    others = [score for score, _ in scored[1:]] + [score for score, _ in rivals]
    if others and best_score - max(others) < LEAD:
        return None
    return best
