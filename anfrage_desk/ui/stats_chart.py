"""The statistics bar chart (pyqtgraph): median days to answer and share of unclear answers.

pyqtgraph rather than QtCharts: it is a small pure-Python add-on drawing on Qt Widgets, while
QtCharts would pull in the large PySide6-Addons wheel.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QWidget

from anfrage_desk.services.statistics import GroupStats
from anfrage_desk.ui.models import de_number, de_percent

LABEL_MAX_PX = 300
DAYS_COLOR = QColor("#3f6fb5")
UNCLEAR_COLOR = QColor("#d9822b")


def wrap_label(text: str, metrics: QFontMetrics, width: int = LABEL_MAX_PX) -> str:
    """Break a category name into at most two lines of ``width`` pixels (elide the rest)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines)


class BarChart(pg.GraphicsLayoutWidget):
    """Two horizontal bar plots sharing the category axis: median days and unclear share."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        palette = self.palette()
        self.setBackground(palette.color(QPalette.ColorRole.Base))
        self.text_color = palette.color(QPalette.ColorRole.Text)
        self.font_ = QFont(self.font())
        self.days_plot = self.addPlot(row=0, col=0)
        self.unclear_plot = self.addPlot(row=0, col=1)
        self.ci.layout.setColumnStretchFactor(0, 3)
        self.ci.layout.setColumnStretchFactor(1, 2)
        for plot, title in (
            (self.days_plot, "Median Tage bis zur Antwort"),
            (self.unclear_plot, "Anteil unklarer Antworten (%)"),
        ):
            plot.setTitle(
                title, color=self.text_color.name(), size=f"{self.font_.pointSize() + 1}pt"
            )
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.showGrid(x=True, y=False, alpha=0.25)
            plot.getViewBox().invertY(True)
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setTextPen(self.text_color)
                axis.setPen(pg.mkPen(self.text_color.lighter(250)))
                axis.setStyle(tickFont=self.font_)
        self.unclear_plot.setYLink(self.days_plot)
        self.unclear_plot.getAxis("left").setStyle(showValues=False, tickLength=0)
        self.unclear_plot.getAxis("left").setWidth(4)
        self.labels: list[str] = []
        self.text_items: list[pg.TextItem] = []

    def set_rows(self, rows: list[GroupStats]) -> None:
        for plot in (self.days_plot, self.unclear_plot):
            plot.clear()
        self.text_items = []
        metrics = QFontMetrics(self.font_)
        self.labels = [wrap_label(r.name, metrics) for r in rows]
        ticks = [list(enumerate(self.labels))]
        left = self.days_plot.getAxis("left")
        left.setTicks(ticks)
        widest = max(
            (
                metrics.horizontalAdvance(line)
                for label in self.labels
                for line in label.split("\n")
            ),
            default=40,
        )
        left.setWidth(widest + 16)
        self.unclear_plot.getAxis("left").setTicks(ticks)
        positions = list(range(len(rows)))
        days = [r.median_days or 0.0 for r in rows]
        unclear = [(r.unclear_share or 0.0) * 100 for r in rows]
        self.days_plot.addItem(
            pg.BarGraphItem(x0=0, y=positions, height=0.6, width=days, brush=DAYS_COLOR, pen=None)
        )
        self.unclear_plot.addItem(
            pg.BarGraphItem(
                x0=0, y=positions, height=0.6, width=unclear, brush=UNCLEAR_COLOR, pen=None
            )
        )
        for i, r in enumerate(rows):
            self._value_label(self.days_plot, days[i], i, de_number(r.median_days))
            self._value_label(self.unclear_plot, unclear[i], i, de_percent(r.unclear_share))
        top = max(days, default=0.0)
        self.days_plot.setXRange(0, max(top * 1.18, 10), padding=0)
        self.unclear_plot.setXRange(0, 118, padding=0)
        self.unclear_plot.getAxis("bottom").setTicks([[(v, f"{v}") for v in (0, 25, 50, 75, 100)]])
        self.days_plot.setYRange(-0.6, max(len(rows), 1) - 0.4, padding=0)
        row_height = 44 if any("\n" in label for label in self.labels) else 34
        self.setMinimumHeight(80 + row_height * max(len(rows), 2))

    def _value_label(self, plot: pg.PlotItem, x: float, y: int, text: str) -> None:
        item = pg.TextItem(text, color=self.text_color, anchor=(0, 0.5))
        item.setFont(self.font_)
        item.setPos(x, y)
        plot.addItem(item)
        self.text_items.append(item)
