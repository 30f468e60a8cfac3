"""One QAction per command: text, shortcut, status tip. Keyed by the Action enum."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class Action(Enum):
    NEW_INQUIRY = auto()
    OPEN_INQUIRY = auto()
    DELETE_INQUIRY = auto()
    UNDO_DELETE = auto()
    MARK_DONE = auto()
    REOPEN = auto()
    EXPORT_LETTER = auto()
    SUBMIT = auto()
    IMPORT_ANSWER = auto()
    NEW_FOLLOWUP = auto()
    EXPORT_REMINDER = auto()
    BATCH_REMINDERS = auto()
    MEETING_BRIEF = auto()
    SHOW_OVERVIEW = auto()
    SHOW_INQUIRIES = auto()
    SHOW_SEARCH = auto()
    SHOW_STATISTICS = auto()
    SHOW_TRASH = auto()
    FIND = auto()
    MANAGE_BODIES = auto()
    SETTINGS = auto()
    BACKUP = auto()
    RESTORE = auto()
    REBUILD_INDEX = auto()
    RELEARN = auto()
    UNDO_RELEARN = auto()
    LOAD_EXAMPLE = auto()
    ABOUT = auto()
    QUIT = auto()


@dataclass(frozen=True)
class Spec:
    text: str
    tip: str
    shortcuts: tuple[str | QKeySequence.StandardKey, ...] = ()


SPECS: dict[Action, Spec] = {
    Action.NEW_INQUIRY: Spec(
        "&Neue Anfrage", "Eine neue Anfrage entwerfen", (QKeySequence.StandardKey.New,)
    ),
    Action.OPEN_INQUIRY: Spec("Anfrage ö&ffnen", "Die ausgewählte Anfrage öffnen", ("Return",)),
    Action.DELETE_INQUIRY: Spec(
        "In den &Papierkorb",
        "Die ausgewählten Anfragen in den Papierkorb legen",
        (QKeySequence.StandardKey.Delete,),
    ),
    Action.UNDO_DELETE: Spec(
        "&Rückgängig: Löschen",
        "Die zuletzt gelöschten Anfragen wiederherstellen",
        ("Ctrl+Shift+Z",),
    ),
    Action.MARK_DONE: Spec(
        "Als e&rledigt markieren", "Von der Verwaltung wird zu dieser Anfrage nichts mehr erwartet"
    ),
    Action.REOPEN: Spec("&Wieder öffnen", "Eine erledigte Anfrage wieder als offen führen"),
    Action.EXPORT_LETTER: Spec(
        "Als &Brief exportieren (DOCX) …",
        "Die Anfrage als Brief nach DIN 5008 speichern",
        ("Ctrl+E",),
    ),
    Action.SUBMIT: Spec(
        "&Einreichen …",
        "Vermerken, an welchem Tag die Anfrage an die Verwaltung ging",
        ("Ctrl+Shift+R",),
    ),
    Action.IMPORT_ANSWER: Spec(
        "&Antwort erfassen …", "Ein Antwortschreiben einfügen oder einlesen", ("Ctrl+Shift+A",)
    ),
    Action.NEW_FOLLOWUP: Spec(
        "Nach&frage erstellen …", "Unklare Antworten nachfragen", ("Ctrl+Shift+N",)
    ),
    Action.EXPORT_REMINDER: Spec(
        "&Erinnerung exportieren …", "Erinnerung für eine überfällige Anfrage", ("Ctrl+Shift+E",)
    ),
    Action.BATCH_REMINDERS: Spec(
        "Erinnerungen für Auswahl exportieren …",
        "Erinnerungen für alle ausgewählten Anfragen in einen Ordner",
    ),
    Action.MEETING_BRIEF: Spec(
        "&Sitzungsvorbereitung exportieren …",
        "Offene und überfällige Anfragen eines Gremiums als DOCX",
    ),
    Action.SHOW_OVERVIEW: Spec("Ü&bersicht", "Was die Verwaltung noch schuldet", ("Ctrl+1",)),
    Action.SHOW_INQUIRIES: Spec("&Anfragen", "Alle Anfragen", ("Ctrl+2",)),
    Action.SHOW_SEARCH: Spec("&Suche", "Volltextsuche", ("Ctrl+3",)),
    Action.SHOW_STATISTICS: Spec(
        "S&tatistik", "Antwortzeiten und Qualität je Adressat", ("Ctrl+4",)
    ),
    Action.SHOW_TRASH: Spec("&Papierkorb", "Gelöschte Anfragen", ("Ctrl+5",)),
    Action.FIND: Spec(
        "&Suchen …",
        "In allen Anfragen und Antworten suchen",
        (QKeySequence.StandardKey.Find, "Ctrl+K"),
    ),
    Action.MANAGE_BODIES: Spec("&Gremien verwalten …", "Gremien, Fristregeln und Sitzungstermine"),
    Action.SETTINGS: Spec(
        "&Einstellungen …", "Absender und Briefkopf", (QKeySequence.StandardKey.Preferences,)
    ),
    Action.BACKUP: Spec("Sicherung &erstellen …", "Eine Sicherungskopie der Datenbank speichern"),
    Action.RESTORE: Spec("Sicherung &wiederherstellen …", "Eine Sicherung zurückspielen"),
    Action.REBUILD_INDEX: Spec("Suchindex neu aufbauen", "Den Volltextindex neu erstellen"),
    Action.RELEARN: Spec(
        "Bewertung aus meinen &Korrekturen lernen …",
        "Die automatische Bewertung an die von Ihnen korrigierten Bewertungen anpassen",
    ),
    Action.UNDO_RELEARN: Spec(
        "Gelernte Bewertung &zurücknehmen",
        "Zur automatischen Bewertung vor dem letzten Lernen zurückkehren",
    ),
    Action.LOAD_EXAMPLE: Spec(
        "&Beispiel laden", "Die Beispielanfrage des Kreises Recklinghausen laden"
    ),
    Action.ABOUT: Spec("Ü&ber Anfrage-Desk", "Version und Datenablage"),
    Action.QUIT: Spec("&Beenden", "Anfrage-Desk beenden", (QKeySequence.StandardKey.Quit,)),
}


def make_actions(parent: QWidget) -> dict[Action, QAction]:
    actions: dict[Action, QAction] = {}
    for key, spec in SPECS.items():
        action = QAction(parent.tr(spec.text), parent)
        action.setStatusTip(parent.tr(spec.tip))
        action.setToolTip(parent.tr(spec.tip))
        if spec.shortcuts:
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        actions[key] = action
    return actions
