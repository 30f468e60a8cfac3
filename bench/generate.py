"""Build a realistic, large Anfrage-Desk database for the benchmark (seeded, reproducible).

10 000 inquiries of six councils, ~80 000 questions, ~60 000 answers and one answer letter per
answered inquiry, composed from sentence templates of council topics (Radwege, Kita-Plätze,
Schulsanierung, Digitalisierung, ÖPNV …) with clear and evasive answers.

Rows go in with executemany inside one transaction on a database opened (and migrated) by the
store; the full-text index is built once at the end through ``store.search.rebuild``. The file
is cached beside this script (``bench/*.sqlite`` is gitignored) and rebuilt only when the seed
or the size changes.

    python bench/generate.py [--inquiries 10000] [--seed 7] [--out bench/large.sqlite] [--force]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anfrage_desk.store import open_db  # noqa: E402
from anfrage_desk.store import search as search_store  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "large.sqlite"
GENERATOR_VERSION = 2

BODIES = [
    ("Rat der Stadt Münster", "Rat", "Stadt Münster", "Oberbürgermeister Markus Lewe"),
    ("Kreistag Recklinghausen", "Kreistag", "Kreis Recklinghausen", "Landrat Bodo Klimpel"),
    ("Rat der Stadt Köln", "Rat", "Stadt Köln", "Oberbürgermeisterin Henriette Reker"),
    ("Rat der Stadt Bochum", "Rat", "Stadt Bochum", "Oberbürgermeister Thomas Eiskirch"),
    ("Kreistag Unna", "Kreistag", "Kreis Unna", "Landrat Mario Löhr"),
    ("Landtag Nordrhein-Westfalen", "Landtag", "Landesregierung NRW", "Ministerpräsident"),
]
PLACES = [
    "Bahnhofstraße",
    "Hammer Straße",
    "Weseler Straße",
    "Grüner Weg",
    "Südviertel",
    "Kreuzviertel",
    "Am Stadtgraben",
    "Königsstraße",
    "Münsterstraße",
    "Gartenstraße",
    "Ludgeriplatz",
    "Schützenstraße",
    "Overbergstraße",
    "Hafenweg",
    "Mühlenstraße",
    "Düsseldorfer Straße",
    "Nordstadt",
    "Altstadt",
    "Gievenbeck",
    "Hiltrup",
    "Kinderhaus",
    "Wolbeck",
    "Roxel",
]
SCHOOLS = [
    "Gesamtschule Mitte",
    "Grundschule am Schloss",
    "Realschule Süd",
    "Friedensschule",
    "Gymnasium Paulinum",
    "Marienschule",
    "Hauptschule Kinderhaus",
    "Förderschule Nord",
]
UNITS = [
    "das Amt für Mobilität und Tiefbau",
    "das Jugendamt",
    "das Amt für Immobilienmanagement",
    "der Fachbereich Digitalisierung",
    "das Umweltamt",
    "die Stadtwerke",
    "das Ordnungsamt",
    "der Eigenbetrieb Abfallwirtschaft",
    "das Schulamt",
    "die Wirtschaftsförderung",
]
# (topic, title templates, preamble sentences, question templates)
TOPICS: list[tuple[str, list[str], list[str], list[str]]] = [
    (
        "Radwege",
        [
            "Radweg an der {place}",
            "Sicherheit auf Radwegen im Bereich {place}",
            "Ausbau der Veloroute {place}",
            "Radverkehrskonzept {year}",
        ],
        [
            "Der Radweg an der {place} ist in einem schlechten Zustand.",
            "Bürgerinnen und Bürger berichten von gefährlichen Situationen an Kreuzungen.",
            "Der Rat hat {year} den Ausbau des Radverkehrs beschlossen.",
        ],
        [
            "Wie viele Unfälle mit Radfahrenden gab es seit {year} an der {place}?",
            "Bis wann wird der Radweg an der {place} saniert?",
            "Welche Mittel stehen im Haushalt {year} für Radwege zur Verfügung?",
            "Ist eine geschützte Radspur an der {place} geplant?",
            "Wer ist für die Winterräumung der Radwege zuständig?",
            "Wie viele Fahrradabstellplätze fehlen am Bahnhof?",
        ],
    ),
    (
        "Kita-Plätze",
        [
            "Kita-Plätze im Stadtteil {place}",
            "Betreuungsquote U3 {year}",
            "Fachkräftemangel in Kindertageseinrichtungen",
            "Neubau der Kita {place}",
        ],
        [
            "Viele Eltern finden keinen Betreuungsplatz für ihre Kinder.",
            "Der Rechtsanspruch auf einen Kita-Platz besteht seit 2013.",
            "Die Warteliste im Bereich {place} wird immer länger.",
        ],
        [
            "Wie viele Kinder stehen derzeit auf der Warteliste für einen Kita-Platz?",
            "Wie hoch ist die Betreuungsquote für unter Dreijährige im Jahr {year}?",
            "Wann wird die Kita an der {place} eröffnet?",
            "Wie viele Stellen für Erzieherinnen und Erzieher sind unbesetzt?",
            "Welche Maßnahmen ergreift die Verwaltung gegen den Fachkräftemangel?",
            "Werden Eltern über freie Plätze digital informiert?",
        ],
    ),
    (
        "Schulsanierung",
        [
            "Sanierung der {school}",
            "Zustand der Schultoiletten",
            "Schulbauprogramm {year}",
            "Brandschutz an der {school}",
        ],
        [
            "Die Sanierung der {school} wurde mehrfach verschoben.",
            "Schülerinnen und Schüler klagen über defekte Toiletten und undichte Fenster.",
            "Im Schulbauprogramm {year} sind erhebliche Mittel vorgesehen.",
        ],
        [
            "Wann beginnen die Bauarbeiten an der {school}?",
            "Wie hoch sind die Kosten der Sanierung der {school}?",
            "Welche Schulen haben einen Sanierungsstau bei den Sanitäranlagen?",
            "Wurden Fördermittel des Landes für die {school} beantragt?",
            "Wo werden die Klassen während der Bauphase unterrichtet?",
            "Wer koordiniert das Schulbauprogramm in der Verwaltung?",
        ],
    ),
    (
        "Digitalisierung",
        [
            "Digitalisierung der Verwaltung",
            "Onlinezugangsgesetz: Stand der Umsetzung {year}",
            "Strategie zur Künstlichen Intelligenz",
            "WLAN an Schulen",
            "Glasfaserausbau {place}",
        ],
        [
            "Das Onlinezugangsgesetz verpflichtet die Kommunen, Leistungen digital anzubieten.",
            "Viele Anträge können noch immer nur auf Papier gestellt werden.",
            "Der Glasfaserausbau im Bereich {place} stockt.",
        ],
        [
            "Wie viele Verwaltungsleistungen sind derzeit online verfügbar?",
            "Bis wann sollen alle Leistungen nach dem Onlinezugangsgesetz digital angeboten werden?",
            "Liegt eine Strategie zum Einsatz Künstlicher Intelligenz vor?",
            "Welche Schulen verfügen über flächendeckendes WLAN?",
            "Wie viele Haushalte im Bereich {place} haben einen Glasfaseranschluss?",
            "Welches Team ist mit der Digitalisierungsstrategie befasst?",
        ],
    ),
    (
        "ÖPNV",
        [
            "Busanbindung {place}",
            "Taktverdichtung im ÖPNV {year}",
            "Barrierefreie Haltestellen",
            "Deutschlandticket und Sozialticket",
            "Straßenbahn zur {place}",
        ],
        [
            "Die Buslinie zur {place} fährt abends nur noch stündlich.",
            "Viele Haltestellen sind nicht barrierefrei ausgebaut.",
            "Seit Einführung des Deutschlandtickets steigen die Fahrgastzahlen.",
        ],
        [
            "Wie viele Haltestellen sind bisher barrierefrei ausgebaut?",
            "Ist eine Taktverdichtung der Linie zur {place} geplant?",
            "Wie haben sich die Fahrgastzahlen seit {year} entwickelt?",
            "Welche Kosten entstehen der Stadt durch das Sozialticket?",
            "Bis wann wird die Straßenbahn zur {place} verlängert?",
            "Wie viele Busse fallen monatlich wegen Personalmangels aus?",
        ],
    ),
    (
        "Müll und Sauberkeit",
        [
            "Müllablagerungen an der {place}",
            "Sauberkeit in der Innenstadt",
            "Wilde Müllkippen im Stadtgebiet {year}",
            "Papierkörbe an der {place}",
        ],
        [
            "Anwohnerinnen und Anwohner beklagen wilde Müllablagerungen an der {place}.",
            "Die Zahl der Beschwerden über Müll ist {year} gestiegen.",
        ],
        [
            "Wie viele illegale Müllablagerungen wurden {year} gemeldet?",
            "Wie oft wird die {place} gereinigt?",
            "Welche Bußgelder wurden wegen illegaler Müllentsorgung verhängt?",
            "Ist der Einsatz zusätzlicher Papierkörbe an der {place} geplant?",
            "Wie hoch sind die Kosten der Beseitigung illegaler Müllkippen?",
        ],
    ),
    (
        "Klimaschutz",
        [
            "Klimaschutzkonzept {year}",
            "Photovoltaik auf städtischen Dächern",
            "Hitzeschutz an der {place}",
            "Baumpflanzungen im Stadtteil {place}",
        ],
        [
            "Die Stadt hat sich zur Klimaneutralität bis 2035 verpflichtet.",
            "Im Sommer {year} litten viele Menschen unter der Hitze.",
        ],
        [
            "Wie viele städtische Dächer sind mit Photovoltaik belegt?",
            "Wie viele Bäume wurden {year} im Bereich {place} gepflanzt?",
            "Welche Maßnahmen des Klimaschutzkonzepts sind umgesetzt?",
            "Gibt es einen Hitzeaktionsplan für die Stadt?",
            "Wie hoch sind die CO2-Emissionen der Verwaltung im Jahr {year}?",
        ],
    ),
    (
        "Wohnen",
        [
            "Sozialer Wohnungsbau {year}",
            "Leerstand an der {place}",
            "Baugebiet {place}",
            "Mietspiegel und Zweckentfremdung",
        ],
        ["Bezahlbarer Wohnraum ist knapp.", "Das Baugebiet {place} ist seit Jahren in Planung."],
        [
            "Wie viele geförderte Wohnungen wurden {year} fertiggestellt?",
            "Wie viele Wohnungen stehen an der {place} leer?",
            "Wann wird der Bebauungsplan für {place} beschlossen?",
            "Welche Maßnahmen gegen Zweckentfremdung von Wohnraum gibt es?",
            "Wie viele Sozialwohnungen fallen bis 2030 aus der Bindung?",
        ],
    ),
]
CLEAR = [
    "Ja. Die Maßnahme ist im Haushalt {year} mit {amount} Euro veranschlagt.",
    "Nein, eine entsprechende Planung liegt nicht vor.",
    "Im Jahr {year} wurden insgesamt {count} Fälle registriert.",
    "Die Arbeiten beginnen am {date} und sollen bis {end} abgeschlossen sein.",
    "Zuständig ist {unit}; Ansprechpartnerin ist Frau Dr. Schäfer.",
    "Derzeit sind {count} von {total} Stellen besetzt; {rest} Stellen sind ausgeschrieben.",
    "Die Kosten belaufen sich auf rund {amount} Euro; Fördermittel des Landes wurden beantragt.",
    "Es wurden {count} Maßnahmen umgesetzt, eine Übersicht ist als Anlage beigefügt.",
]
EVASIVE = [
    "Eine konkrete Zeitplanung kann aktuell nicht benannt werden.",
    "Die Verwaltung prüft derzeit verschiedene Optionen und wird zu gegebener Zeit berichten.",
    "Hierzu liegen der Verwaltung keine belastbaren Zahlen vor.",
    "Siehe Antwort zu {ref}.",
    "Die Angelegenheit befindet sich in der Abstimmung mit den beteiligten Stellen.",
    "Ein festes Team kann noch nicht benannt werden.",
    "Die Frage wird im Rahmen der Fortschreibung des Konzepts geprüft.",
    "Über das weitere Vorgehen wird der Ausschuss zeitnah informiert.",
]
FACTIONS = [
    "Fraktion Bündnis 90/Die Grünen",
    "SPD-Fraktion",
    "CDU-Fraktion",
    "Fraktion Die Linke",
    "FDP-Fraktion",
    "Fraktion Volt",
]
SIGNERS = [
    "Dr. Wagener",
    "Anna Schröder",
    "Jürgen Weiß",
    "Fatma Yılmaz",
    "Peter Müller",
    "Sabine Koßmann",
    "Lukas Fuß",
    "Özlem Demir",
]


def _fill(rng: random.Random, template: str, year: int, ref: str = "1") -> str:
    start = date(year, rng.randint(1, 12), rng.randint(1, 28))
    total = rng.randint(20, 400)
    count = rng.randint(1, total)
    return template.format(
        place=rng.choice(PLACES),
        school=rng.choice(SCHOOLS),
        year=year,
        amount=f"{rng.randint(5, 900) * 1000:,}".replace(",", "."),
        count=count,
        total=total,
        rest=total - count,
        unit=rng.choice(UNITS),
        date=start.strftime("%d.%m.%Y"),
        end=(start + timedelta(days=rng.randint(60, 700))).strftime("%d.%m.%Y"),
        ref=ref,
    )


def generate(out: Path, inquiries: int = 10_000, seed: int = 7) -> dict[str, int]:
    """Write the database to ``out`` (replacing it); return the row counts."""
    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    db = open_db(out)
    conn = db.conn
    counts = {"inquiries": 0, "questions": 0, "answers": 0, "letters": 0}
    with db.atomic():
        conn.executemany(
            "INSERT INTO body (id, name, kind, address) VALUES (?, ?, ?, ?)",
            [(i + 1, b[0], b[1], f"{b[2]}\n{b[3]}") for i, b in enumerate(BODIES)],
        )
        inquiry_rows, question_rows, letter_rows, answer_rows = [], [], [], []
        question_id = letter_id = answer_id = 0
        first = date(2019, 1, 7)
        for inquiry_id in range(1, inquiries + 1):
            body_index = rng.randrange(len(BODIES))
            body = BODIES[body_index]
            topic, titles, preambles, questions = rng.choice(TOPICS)
            drafted = first + timedelta(days=(inquiry_id * 2300) // inquiries + rng.randint(0, 3))
            year = drafted.year
            submitted = drafted + timedelta(days=rng.randint(0, 5))
            answered = rng.random() < 0.75
            status = (
                rng.choice(["answered", "answered", "followed_up", "done"])
                if answered
                else rng.choice(["draft", "submitted", "submitted"])
            )
            is_draft = status == "draft"
            preamble = " ".join(
                _fill(rng, s, year) for s in rng.sample(preambles, k=min(2, len(preambles)))
            )
            inquiry_rows.append(
                (
                    inquiry_id,
                    _fill(rng, rng.choice(titles), year),
                    body_index + 1,
                    body[3],
                    body[2],
                    rng.choice(FACTIONS),
                    json.dumps(rng.sample(SIGNERS, k=rng.randint(1, 2)), ensure_ascii=False),
                    preamble,
                    drafted.isoformat(),
                    None if is_draft else submitted.isoformat(),
                    None if is_draft else (submitted + timedelta(days=28)).isoformat(),
                    "" if is_draft else f"{year % 100}/{inquiry_id:05d}",
                    status,
                )
            )
            n_questions = rng.randint(4, 12)
            asked = []
            for position in range(n_questions):
                question_id += 1
                text = _fill(rng, rng.choice(questions), year)
                asked.append((question_id, str(position + 1), text))
                question_rows.append((question_id, inquiry_id, str(position + 1), position, text))
            if not answered:
                continue
            letter_id += 1
            received = submitted + timedelta(days=rng.randint(10, 60))
            parts = [
                f"{body[2]}\nDer Verwaltungsvorstand\n\n{received.strftime('%d.%m.%Y')}\n\n"
                f"Ihre Anfrage vom {submitted.strftime('%d.%m.%Y')}\n\nSehr geehrte Damen und Herren,\n"
                "zu Ihrer Anfrage nehme ich wie folgt Stellung:\n"
            ]
            for qid, label, text in asked:
                if rng.random() < 0.06:
                    continue  # unanswered question: no answer row
                evasive = rng.random() < 0.35
                answer = _fill(
                    rng, rng.choice(EVASIVE if evasive else CLEAR), year, ref=asked[0][1]
                )
                if rng.random() < 0.4:
                    answer += " " + _fill(rng, rng.choice(CLEAR + EVASIVE), year)
                verdict = rng.choice(["vague", "vague", "partial"]) if evasive else "clear"
                user_verdict = rng.choice([None, None, None, "clear", "vague"])
                answer_id += 1
                answer_rows.append((answer_id, qid, letter_id, answer, verdict, user_verdict))
                parts.append(f"\n{label}. {text}\n{answer}\n")
            parts.append("\nMit freundlichen Grüßen\nIm Auftrag\n")
            letter_rows.append(
                (
                    letter_id,
                    inquiry_id,
                    received.isoformat(),
                    received.isoformat(),
                    submitted.isoformat(),
                    body[2],
                    f"Az. {rng.randint(10, 99)}.{rng.randint(1, 999)}",
                    "".join(parts),
                    None if rng.random() < 0.3 else received.isoformat(),
                )
            )
        conn.executemany(
            "INSERT INTO inquiry (id, title, body_id, addressee_name, addressee_office, faction, "
            "signatories, preamble, drafted_on, submitted_on, due_on, reference, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            inquiry_rows,
        )
        conn.executemany(
            "INSERT INTO question (id, inquiry_id, label, position, text) VALUES (?, ?, ?, ?, ?)",
            question_rows,
        )
        conn.executemany(
            "INSERT INTO answer_letter (id, inquiry_id, received_on, letter_date, refers_to_date, "
            "sender, reference, raw_text, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            letter_rows,
        )
        conn.executemany(
            "INSERT INTO answer (id, question_id, letter_id, text, verdict, user_verdict) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            answer_rows,
        )
        search_store.rebuild(db)
    search_store.optimize(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("ANALYZE")
    db.close()
    counts = {
        "inquiries": len(inquiry_rows),
        "questions": len(question_rows),
        "answers": len(answer_rows),
        "letters": len(letter_rows),
    }
    return counts


def _stamp(out: Path) -> Path:
    return out.with_name(out.name + ".json")


def ensure(
    out: Path = DEFAULT_OUT, inquiries: int = 10_000, seed: int = 7, force: bool = False
) -> Path:
    """Generate unless a file made with the same parameters is already there."""
    wanted = {"inquiries": inquiries, "seed": seed, "version": GENERATOR_VERSION}
    stamp = _stamp(out)
    if not force and out.exists() and stamp.exists():
        try:
            if json.loads(stamp.read_text())["params"] == wanted:
                return out
        except (ValueError, KeyError):
            pass
    started = time.perf_counter()
    counts = generate(out, inquiries, seed)
    seconds = time.perf_counter() - started
    stamp.write_text(json.dumps({"params": wanted, "counts": counts, "seconds": round(seconds, 1)}))
    print(f"Generated {out.name} in {seconds:.1f} s: {counts}", file=sys.stderr)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inquiries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    ensure(args.out, args.inquiries, args.seed, args.force)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
