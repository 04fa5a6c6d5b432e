"""What a demo-content run did: how many objects of each kind it created or found in place."""

from dataclasses import dataclass, field


@dataclass
class DemoKindCount:
    """Created and already-present counts for one kind of object."""

    created: int = 0
    present: int = 0


@dataclass
class DemoReport:
    """Counts per kind of object (keyed by a French label) and notable actions, in order."""

    counts: dict[str, DemoKindCount] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def record(self, kind, *, created):
        """Count one object of `kind`, either created by this run or found already in place."""
        count = self.counts.setdefault(kind, DemoKindCount())
        if created:
            count.created += 1
        else:
            count.present += 1

    def note(self, message):
        self.notes.append(message)

    @property
    def total_created(self):
        return sum(count.created for count in self.counts.values())

    @property
    def total_present(self):
        return sum(count.present for count in self.counts.values())

    def summary_lines(self):
        """A short French summary, one line per kind, then the notes."""
        lines = [
            f"  {kind} : {count.created} créé(s), {count.present} déjà présent(s)"
            for kind, count in self.counts.items()
        ]
        lines.extend(f"  {message}" for message in self.notes)
        return lines
