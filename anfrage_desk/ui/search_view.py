"""The "Suche" page: one field over all texts, filters, hits grouped by inquiry.

Typing searches after a short pause (prefix search on the last word); Return searches at once
and moves to the first hit; Enter or a double click on a hit opens its inquiry (question,
answer and letter hits on the "Antworten" tab when it exists). Extras → "Suchindex neu
aufbauen" rebuilds the index as a cancellable Operation.

Signals of SearchView: searched(object SearchResult) — after every search, for tests and the
status bar.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from anfrage_desk.services import Changes, today
from anfrage_desk.services import search as service
from anfrage_desk.store.search import SearchFilter
from anfrage_desk.ui import messages
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.operation import Operation
from anfrage_desk.ui.search_rows import (
    HTML_ROLE,
    INQUIRY_ROLE,
    KEY_ROLE,
    TAB_ROLE,
    HitItem,
    HtmlDelegate,
    Index,
    ResultTree,
    SearchField,
    de_number,
    marked_html,
)

if TYPE_CHECKING:
    from anfrage_desk.ui.background import Reader
    from anfrage_desk.ui.main_window import MainWindow

DEBOUNCE_MS = 150

__all__ = ["HTML_ROLE", "INQUIRY_ROLE", "KEY_ROLE", "TAB_ROLE", "SearchView", "install"]


class SearchView(QWidget):
    searched = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.result = service.SearchResult("")
        self._stale = False
        self._limit = service.DEFAULT_LIMIT  # hits asked for; "Weitere Treffer" adds a page

        self.field = SearchField()
        self.field.setAccessibleName(self.tr("Suchbegriff"))
        self.field.setPlaceholderText(
            self.tr("Suchen in Titeln, Fragen, Antworten und Antwortschreiben … (Strg+F)")
        )
        self.field.setClearButtonEnabled(True)
        self.field.setStyleSheet("QLineEdit { font-size: 15px; padding: 4px; }")
        self.field.textChanged.connect(self._schedule)
        self.field.go.connect(self._search_and_enter)
        self.field.down.connect(self._enter_results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_typed)
        self._reader: Reader | None = None
        self._generation = 0  # every search started; an older background result is stale

        self.body_combo = self._combo(self.tr("Gremium"))
        self.addressee_combo = self._combo(self.tr("Adressat"))
        self.year_combo = self._combo(self.tr("Jahr"))
        self.status_combo = self._combo(self.tr("Status"))
        self.verdict_combo = self._combo(self.tr("Bewertung der Antwort"))
        self.reset_button = QPushButton(self.tr("Filter zurücksetzen"))
        self.reset_button.clicked.connect(self.reset_filters)
        self.reset_button.setEnabled(False)

        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(dark);")
        self.more_button = QPushButton(self.tr("&Weitere Treffer zeigen"))
        self.more_button.setToolTip(
            self.tr("Die nächsten {n} Treffer dazunehmen").format(n=service.DEFAULT_LIMIT)
        )
        self.more_button.clicked.connect(self.show_more)
        self.more_button.setVisible(False)
        self.model = QStandardItemModel(self)
        self.tree = ResultTree()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(HtmlDelegate(self.tree))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.tree.activated.connect(self.open_index)
        self.tree.doubleClicked.connect(self.open_index)
        self.tree.setAccessibleName(self.tr("Suchergebnisse"))

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setStyleSheet("color: palette(dark); font-size: 14px; padding: 24px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.tree)

        filters = QHBoxLayout()
        for combo in (
            self.body_combo,
            self.addressee_combo,
            self.year_combo,
            self.status_combo,
            self.verdict_combo,
        ):
            filters.addWidget(combo, 1)
        filters.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addLayout(filters)
        counts = QHBoxLayout()
        counts.addWidget(self.count_label, 1)
        counts.addWidget(self.more_button)
        layout.addLayout(counts)
        layout.addWidget(self.stack, 1)
        self.load_choices()
        self._show_message(self._help_text())

    # -- filters
    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[object, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for data, text in items:
            combo.addItem(text, data)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, found))
        combo.blockSignals(False)

    def load_choices(self) -> None:
        choices = service.filter_choices(self.window_.db)
        self._fill(self.body_combo, self.tr("Alle Gremien"), list(choices.bodies))
        self._fill(
            self.addressee_combo,
            self.tr("Alle Adressaten"),
            [(pair, ", ".join(p for p in pair if p)) for pair in choices.addressees],
        )
        self._fill(self.year_combo, self.tr("Alle Jahre"), [(y, str(y)) for y in choices.years])
        self._fill(self.status_combo, self.tr("Jeder Status"), list(choices.statuses))
        self._fill(
            self.verdict_combo,
            self.tr("Jede Bewertung"),
            [(v, self.tr("Antwort {label}").format(label=label)) for v, label in choices.verdicts],
        )

    def current_filter(self) -> SearchFilter:
        addressee = self.addressee_combo.currentData()
        return SearchFilter(
            body_id=self.body_combo.currentData(),
            addressee=tuple(addressee) if addressee else None,  # type: ignore[arg-type]
            year=self.year_combo.currentData(),
            status=self.status_combo.currentData(),
            verdict=self.verdict_combo.currentData(),
            today=today(),
        )

    def reset_filters(self) -> None:
        for combo in self._combos():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._filters_changed()

    def _combos(self) -> tuple[QComboBox, ...]:
        return (
            self.body_combo,
            self.addressee_combo,
            self.year_combo,
            self.status_combo,
            self.verdict_combo,
        )

    def _filters_changed(self) -> None:
        self.reset_button.setEnabled(self.current_filter().active)
        self._limit = service.DEFAULT_LIMIT
        self.run()

    # -- searching
    def _schedule(self) -> None:
        self._limit = service.DEFAULT_LIMIT
        self._timer.start()

    def search(self, text: str) -> service.SearchResult:
        """Put ``text`` into the field and search now (what typing plus the pause does)."""
        self.field.blockSignals(True)
        self.field.setText(text)
        self.field.blockSignals(False)
        self._limit = service.DEFAULT_LIMIT
        self.run()
        return self.result

    def show_more(self) -> None:
        """The same search with one more page of hits."""
        self._limit += service.DEFAULT_LIMIT
        self.run()

    def run(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._stale = False
        query = self.field.text()
        if not query.strip():
            self.result = service.SearchResult(query)
            self.model.clear()
            self.count_label.clear()
            self.more_button.setVisible(False)
            self._show_message(self._help_text())
            self.searched.emit(self.result)
            return
        self._show_result(
            service.run_search(
                self.window_.db, query, self.current_filter(), self._limit, today=today()
            )
        )

    def _run_typed(self) -> None:
        """After the typing pause: in the started app the query runs in a worker thread, so
        typing on never waits for it; a result for text no longer in the field is dropped."""
        query = self.field.text()
        if not getattr(self.window_, "background", False) or not query.strip():
            self.run()
            return
        self._stale = False
        if self._reader is None:
            from anfrage_desk.ui.background import Reader

            self._reader = Reader(self.window_.db.path, self)
        self._generation += 1
        generation, flt, day, limit = self._generation, self.current_filter(), today(), self._limit
        self._reader.read(
            lambda db: service.run_search(db, query, flt, limit, today=day),
            lambda result: self._arrived(generation, result),
        )

    def _arrived(self, generation: int, result: service.SearchResult) -> None:
        if generation == self._generation and not self._timer.isActive():
            self._show_result(result)

    def _show_result(self, result: service.SearchResult) -> None:
        selected = self.tree.currentIndex().data(KEY_ROLE)
        self.result = result
        self._fill_tree(self.result)
        self._restore_selection(selected)
        self.searched.emit(self.result)

    def _fill_tree(self, result: service.SearchResult) -> None:
        self.tree.setUpdatesEnabled(False)
        self.model.clear()
        root = self.model.invisibleRootItem()
        for group in result.groups:
            root.appendRow(self._group_item(group))
        self.tree.expandAll()
        self.tree.setUpdatesEnabled(True)
        self.count_label.setText(self._count_text(result))
        self.more_button.setVisible(result.truncated)
        if result.groups:
            self.stack.setCurrentWidget(self.tree)
        else:
            self._show_message(self._empty_text(result))

    def _group_item(self, group: service.ResultGroup) -> QStandardItem:
        meta = [group.reference, group.body_name]
        if group.day:
            meta.append(group.day.strftime("%d.%m.%Y"))
        meta.append(group.status_label)
        meta_text = " · ".join(m for m in meta if m)
        item = QStandardItem(f"{group.title.text} — {meta_text}")
        item.setData(
            f'<div style="font-size:14px; font-weight:600;">{marked_html(group.title)}</div>'
            f'<div style="color:#666;">{html.escape(meta_text)}</div>',
            HTML_ROLE,
        )
        item.setData(group.inquiry_id, INQUIRY_ROLE)
        item.setData(None, TAB_ROLE)
        item.setData(f"inquiry:{group.inquiry_id}", KEY_ROLE)
        item.setToolTip(self.tr("Enter öffnet die Anfrage"))
        for hit in group.hits:
            child = HitItem(hit)
            child.setData(group.inquiry_id, INQUIRY_ROLE)
            child.setData(hit.tab, TAB_ROLE)
            child.setData(f"{hit.kind}:{hit.ref_id}", KEY_ROLE)
            item.appendRow(child)
        return item

    def _restore_selection(self, key: object) -> None:
        if key is None:
            return
        matches = self.model.match(
            self.model.index(0, 0),
            KEY_ROLE,
            key,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        if matches:
            self.tree.setCurrentIndex(matches[0])

    def _count_text(self, result: service.SearchResult) -> str:
        if not result.groups:
            return ""
        hits = de_number(result.total_hits)
        inquiries = de_number(result.total_inquiries)
        hit_word = self.tr("Treffer")
        inquiry_word = self.tr("Anfrage") if result.total_inquiries == 1 else self.tr("Anfragen")
        if not result.truncated:
            text = f"{hits} {hit_word} in {inquiries} {inquiry_word}"
        elif result.ranked:
            text = self.tr("Die besten {shown} von {hits} Treffern in {n} {word}").format(
                shown=result.shown_hits, hits=hits, n=inquiries, word=inquiry_word
            )
        else:
            text = self.tr(
                "Die neuesten {shown} von {hits} Treffern in {n} {word} – "
                "weitere Wörter oder Filter grenzen die Suche ein"
            ).format(shown=result.shown_hits, hits=hits, n=inquiries, word=inquiry_word)
        if result.fell_back:
            text += self.tr(" (Suchausdruck als einfache Wortsuche ausgeführt)")
        return text

    def _empty_text(self, result: service.SearchResult) -> str:
        text = self.tr("Keine Treffer für „{query}“.").format(
            query=html.escape(result.query.strip())
        )
        if len(result.query.split()) > 1:
            text += "<br>" + self.tr(
                "Alle Wörter müssen vorkommen; nur das letzte wird als Wortanfang gesucht "
                "(Wort* sucht auch andere Wörter als Anfang)."
            )
        if self.current_filter().active:
            text += "<br>" + self.tr(
                "Es sind Filter gesetzt – „Filter zurücksetzen“ sucht wieder in allem."
            )
        return text

    def _help_text(self) -> str:
        return self.tr(
            "Suchen Sie in allen Anfragen, Fragen, Antworten und Antwortschreiben.<br><br>"
            "Groß- und Kleinschreibung ist egal, ä und ae, ß und ss gelten gleich "
            "(„Strasse“ findet „Straße“).<br>"
            "Mehrere Wörter müssen alle vorkommen; „Wörter in Anführungszeichen“ suchen "
            "genau diese Wortfolge; Wort* sucht Wortanfänge."
        )

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _search_and_enter(self) -> None:
        self.run()
        self._enter_results()

    def _enter_results(self) -> None:
        if self.model.rowCount() == 0:
            return
        if not self.tree.currentIndex().isValid():
            self.tree.setCurrentIndex(self.model.index(0, 0))
        self.tree.setFocus()

    # -- opening
    def open_index(self, index: Index) -> None:
        inquiry_id = index.data(INQUIRY_ROLE)
        if inquiry_id is None:
            return
        tab = index.data(TAB_ROLE)
        tabs = getattr(self.window_.inquiry_page, "tab_widgets", {})
        self.window_.open_inquiry(int(inquiry_id), tab if tab in tabs else None)

    # -- page protocol
    def activate(self) -> None:
        if self._stale:
            self.load_choices()
            self.run()
        self.field.setFocus()
        self.field.selectAll()

    def refresh(self, changes: Changes) -> None:
        """Re-run the search after a change (at once if visible, else when shown again)."""
        if not (changes.bodies or changes.everything or changes.inquiries or changes.answers):
            return
        if self.isVisible():
            self.load_choices()
            if self.field.text().strip():
                self._timer.start()
        else:
            self._stale = True

    def focus_field(self) -> None:
        self.window_.show_page("search")
        self.field.setFocus()
        self.field.selectAll()

    # -- index maintenance
    def rebuild_index(self) -> Operation:
        action = self.window_.actions_[Action.REBUILD_INDEX]
        action.setEnabled(False)
        db_path = self.window_.db_path
        op = Operation(
            self.window_,
            self.tr("Der Suchindex wird neu aufgebaut …"),
            lambda progress: service.rebuild_index(db_path, progress),
        )
        op.succeeded.connect(self._rebuilt)
        op.failed.connect(lambda message: messages.show_error(self.window_, message))
        op.cancelled.connect(
            lambda: self.window_.statusBar().showMessage(
                self.tr("Neuaufbau abgebrochen – der bisherige Suchindex bleibt erhalten."), 8000
            )
        )
        op.finished.connect(lambda: action.setEnabled(True))
        op.start()
        return op

    def _rebuilt(self, entries: object) -> None:
        self.window_.statusBar().showMessage(
            self.tr("Suchindex neu aufgebaut ({n} Einträge).").format(
                n=de_number(int(entries) if isinstance(entries, int) else 0)
            ),
            8000,
        )
        if self.field.text().strip():
            self.run()


def install(window: MainWindow) -> None:
    def build() -> SearchView:  # on first use
        view = SearchView(window)
        window.search_view = view  # type: ignore[attr-defined]
        return view

    def page() -> SearchView:
        view = window.pages["search"]
        assert isinstance(view, SearchView)
        return view

    window.add_page("search", window.tr("Suche"), build, Action.SHOW_SEARCH)
    window.actions_[Action.FIND].triggered.connect(lambda: page().focus_field())
    window.menus["Bearbeiten"].addAction(window.actions_[Action.FIND])
    window.actions_[Action.REBUILD_INDEX].triggered.connect(lambda: page().rebuild_index())
    window.menus["Extras"].addAction(window.actions_[Action.REBUILD_INDEX])
