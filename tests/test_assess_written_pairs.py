"""Hand-written question/answer pairs (not from the corpus), scored as a whole.

No longer held out: the rules were revised while looking at them (see the scores below), so this
is a regression check, not an estimate for unseen letters; that estimate is the
leave-one-institution-out figure of `tools/fit_assess.py`. Speed is measured by `make bench`.

The pairs were written before the assessor was run on them, following the rules of the corpus
README (shared/corpus/README.md, "When an answer is vague"): numbers or facts not given, deferral,
information that cannot be given, a distinct part skipped, talking around a yes/no question, a
referral to an unclear answer — and the clear counter-cases: "not known" where knowledge was
asked, a rejected premise with the fact stated, a moot conditional, an evasive keyword inside a
real answer, figures on another basis, a relevant answer that does not cover everything, a
referral to an attachment or to a clear answer.

Scores when the pairs were first run (recorded for honesty): the first table (CASES, 56 pairs)
against the assessor as it was before the revision: 39/56 = 0.70; the second table (CASES_2, 26
pairs, written after the revision on the first) against the revised rules: 23/26 = 0.88.

The table is scored as a whole (accuracy threshold), so that a later change which trades one case
for two better ones is allowed. Structural properties (reasons, spans) hold for every case, and the
sample letter's verdicts are asserted one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from anfrage_desk.assess import Assessment, assess_items
from anfrage_desk.model import Verdict

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "samples"
    / "kreis-recklinghausen-antwort-2024-05-15.txt"
)

ACCURACY_THRESHOLD = 0.85


@dataclass(frozen=True)
class Item:
    label: str
    question: str | None
    answer: str | None


@dataclass(frozen=True)
class Case:
    id: str
    clear: bool  # expected: True = clear, False = not clear (vague, partial or missing)
    why: str
    items: tuple[Item, ...]  # the LAST item is judged; earlier ones are its letter context


def one(cid: str, clear: bool, why: str, question: str, answer: str) -> Case:
    return Case(cid, clear, why, (Item("1", question, answer),))


def letter(cid: str, clear: bool, why: str, *pairs: tuple[str, str, str]) -> Case:
    return Case(cid, clear, why, tuple(Item(n, q, a) for n, q, a in pairs))


VAGUE, CLEAR = False, True

CASES: tuple[Case, ...] = (
    # --- numbers, dates or facts asked for are not given ------------------------------------
    one(
        "haushalt-beratung-unverhaeltnismaessig",
        VAGUE,
        "amounts per year asked; only 'nicht gesondert ausgewiesen' and disproportionate effort",
        "Wie hoch waren die Ausgaben des Landkreises für externe Beratungsleistungen in den "
        "Jahren 2021 bis 2023?",
        "Externe Beratungsleistungen werden in unterschiedlichen Produkten des Haushalts gebucht "
        "und nicht gesondert ausgewiesen. Eine Zusammenstellung wäre nur mit "
        "unverhältnismäßigem Aufwand möglich.",
    ),
    one(
        "polizei-einbrueche-stadtteil",
        VAGUE,
        "a count was asked; the answer says the evaluation does not exist",
        "Wie viele Wohnungseinbrüche wurden im Jahr 2023 im Stadtteil Nordstadt registriert?",
        "Die Polizeiliche Kriminalstatistik wird nicht kleinräumig nach Stadtteilen geführt. Eine "
        "Auswertung für einzelne Stadtteile liegt daher nicht vor.",
    ),
    one(
        "schule-unterrichtsausfall-ohne-zahl",
        VAGUE,
        "a number was asked; the answer describes procedures and gives no figure",
        "Wie viele Unterrichtsstunden sind im ersten Schulhalbjahr 2023/24 an den Gymnasien des "
        "Kreises ausgefallen?",
        "Unterrichtsausfall wird von den Schulen dokumentiert und im Rahmen der Schulaufsicht "
        "begleitet. Die Schulen sind gehalten, Ausfall durch Vertretungskonzepte so gering wie "
        "möglich zu halten.",
    ),
    one(
        "soziales-obdachlose-nicht-gezaehlt",
        VAGUE,
        "a count was asked; 'wird nicht durchgeführt' plus an impression",
        "Wie viele Menschen waren im Winter 2023/24 in der Stadt obdachlos?",
        "Eine Zählung obdachloser Menschen wird in der Stadt nicht durchgeführt. Die "
        "Notunterkünfte waren in den Wintermonaten gut ausgelastet.",
    ),
    one(
        "personal-kosten-stabsstelle",
        VAGUE,
        "a cost was asked; 'eine gesonderte Angabe ist daher nicht möglich'",
        "Wie hoch sind die Personalkosten der neuen Stabsstelle Digitalisierung pro Jahr?",
        "Die Personalkosten werden nicht je Organisationseinheit, sondern im Gesamtbudget "
        "Personal veranschlagt; eine gesonderte Angabe ist daher nicht möglich.",
    ),
    one(
        "wohnen-leerstand-verweis-auf-gesellschaft",
        VAGUE,
        "a count was asked; the city refers to the company instead of answering",
        "Wie viele Wohnungen der städtischen Wohnungsbaugesellschaft stehen derzeit leer?",
        "Die Wohnungsbaugesellschaft ist ein eigenständiges Unternehmen; Fragen zu ihrem Bestand "
        "sind an deren Geschäftsführung zu richten.",
    ),
    # --- deferral ------------------------------------------------------------------------------
    one(
        "oepnv-takt-wird-geprueft",
        VAGUE,
        "a date was asked; the answer defers to an ongoing review",
        "Wann wird die Buslinie 12 wieder im 15-Minuten-Takt fahren?",
        "Die Verkehrsgesellschaft prüft derzeit gemeinsam mit dem Aufgabenträger, wie der "
        "Fahrermangel behoben werden kann. Über eine Rückkehr zum bisherigen Takt wird nach "
        "Abschluss dieser Prüfung entschieden.",
    ),
    one(
        "klima-waermeplan-erst-nach-vergabe",
        VAGUE,
        "a date was asked; 'kann erst nach Vergabe des Auftrags genannt werden'",
        "Bis wann will die Stadt den kommunalen Wärmeplan vorlegen?",
        "Die Ausschreibung für die Erstellung der kommunalen Wärmeplanung wird derzeit "
        "vorbereitet. Ein verbindlicher Zeitplan kann erst nach Vergabe des Auftrags genannt "
        "werden.",
    ),
    one(
        "personal-gleichstellung-entscheidung-steht-aus",
        VAGUE,
        "yes/no asked; 'Eine Entscheidung hierzu steht noch aus'",
        "Plant die Verwaltung, die Stelle der Gleichstellungsbeauftragten auf eine Vollzeitstelle "
        "aufzustocken?",
        "Die Stellenausstattung wird im Zuge der Haushaltsplanberatungen 2025 insgesamt "
        "betrachtet. Eine Entscheidung hierzu steht noch aus.",
    ),
    one(
        "verkehr-ortsumgehung-nicht-absehbar",
        VAGUE,
        "a date was asked; 'derzeit nicht absehbar'",
        "Wann wird die Ortsumgehung Hohenfeld fertiggestellt?",
        "Der Zeitpunkt der Fertigstellung hängt vom Ausgang des laufenden Klageverfahrens ab und "
        "ist derzeit nicht absehbar.",
    ),
    one(
        "digital-glasfaser-zeitnah",
        VAGUE,
        "a date was asked; only 'zeitnah'",
        "Bis wann werden alle Grundschulen an das Glasfasernetz angeschlossen?",
        "Der Anschluss der Grundschulen soll zeitnah erfolgen.",
    ),
    one(
        "oepnv-nahverkehrsplan-in-kuerze",
        VAGUE,
        "a date was asked; only 'in Kürze'",
        "Wann wird der neue Nahverkehrsplan dem Kreistag vorgelegt?",
        "Der Entwurf befindet sich in der Endabstimmung und wird dem Kreistag in Kürze vorgelegt.",
    ),
    # --- cannot be given, secrecy --------------------------------------------------------------
    one(
        "polizei-kamerastandorte-einsatztaktisch",
        VAGUE,
        "locations asked; withheld 'aus einsatztaktischen Gründen'",
        "An welchen Orten im Stadtgebiet sind derzeit Kameras zur Videobeobachtung durch die "
        "Polizei installiert?",
        "Aus einsatztaktischen Gründen können die genauen Standorte der Kameras nicht "
        "veröffentlicht werden.",
    ),
    one(
        "personal-kuendigungen-persoenlichkeitsschutz",
        VAGUE,
        "reasons asked; withheld for protection of personality rights",
        "Welche Gründe lagen den drei Kündigungen im Bauamt im Jahr 2023 zugrunde?",
        "Aus Gründen des Persönlichkeitsschutzes der Betroffenen können zu einzelnen "
        "Personalangelegenheiten keine Angaben gemacht werden.",
    ),
    one(
        "innen-v-personen-quellenschutz",
        VAGUE,
        "a number was asked; the government does not comment for source protection",
        "Wie viele V-Personen setzt der Verfassungsschutz in der rechtsextremen Szene ein?",
        "Die Landesregierung äußert sich aus Gründen des Quellenschutzes grundsätzlich nicht zu "
        "Anzahl und Einsatz von Vertrauenspersonen.",
    ),
    # --- a distinct part skipped ---------------------------------------------------------------
    one(
        "schule-sozialarbeit-finanzierung-fehlt",
        VAGUE,
        "the count is given, the financing after the end of funding is not addressed",
        "Wie viele Schulen im Kreis verfügen über eine Schulsozialarbeiterstelle, und wie soll die "
        "Finanzierung nach Auslaufen der Landesförderung sichergestellt werden?",
        "Derzeit verfügen 23 von 31 Schulen in Trägerschaft des Kreises über mindestens eine "
        "Stelle für Schulsozialarbeit.",
    ),
    one(
        "sport-sporthalle-bis-wann-fehlt",
        VAGUE,
        "'Nein' given, the 'bis wann' for the completion is skipped",
        "Ist die Sanierung der Sporthalle an der Lindenschule abgeschlossen? Falls nein, bis wann "
        "ist mit der Fertigstellung zu rechnen?",
        "Nein. Die Arbeiten am Dach haben sich durch Lieferengpässe bei den Dämmstoffen verzögert.",
    ),
    one(
        "feuerwehr-foerderantrag-warum-nicht-fehlt",
        VAGUE,
        "'not applied', the asked reason why not is skipped",
        "Wurde für den Neubau der Feuerwache Nord ein Fördermittelantrag gestellt? Falls nein, "
        "warum nicht?",
        "Ein Antrag auf Förderung wurde nicht gestellt.",
    ),
    one(
        "haushalt-rathaus-verantwortung-fehlt",
        VAGUE,
        "the extra cost is given; who is responsible for it is not said",
        "Welche Mehrkosten sind beim Umbau des Rathauses entstanden und wer hat die "
        "Kostensteigerung zu verantworten?",
        "Die Mehrkosten belaufen sich nach aktuellem Stand auf rund 1,8 Mio. Euro.",
    ),
    one(
        "verkehr-radwege-kosten-fehlen",
        VAGUE,
        "the routes are named, the asked costs are not",
        "Welche Radwege sollen 2025 saniert werden und welche Kosten entstehen dafür?",
        "Saniert werden sollen 2025 der Radweg entlang der Kreisstraße 14 zwischen Altdorf und "
        "Neudorf sowie der Weg am Mühlbach.",
    ),
    # --- talking around a yes/no, no measure named -------------------------------------------
    one(
        "klima-neutralitaetsziel-drumherum",
        VAGUE,
        "asked whether a target was adopted; the answer praises efforts, never says yes or no",
        "Hat die Stadt für ihre eigenen Liegenschaften ein Klimaneutralitätsziel beschlossen?",
        "Klimaschutz ist der Stadt ein wichtiges Anliegen. Bereits seit Jahren werden bei "
        "Sanierungen städtischer Gebäude hohe energetische Standards angelegt, und die "
        "Photovoltaik auf Dächern wird fortlaufend ausgebaut.",
    ),
    one(
        "oepnv-deutschlandticket-offen-gegenueber",
        VAGUE,
        "yes/no asked; 'steht … grundsätzlich offen gegenüber', talks ongoing",
        "Wird der Landkreis sich an der Finanzierung des Deutschlandtickets für Schülerinnen und "
        "Schüler beteiligen?",
        "Das Deutschlandticket ist ein wichtiger Baustein für die Mobilitätswende. Der Landkreis "
        "steht einer Beteiligung grundsätzlich offen gegenüber und befindet sich hierzu in "
        "Gesprächen mit dem Verkehrsverbund.",
    ),
    one(
        "polizei-ansprechperson-queer-drumherum",
        VAGUE,
        "asked whether a contact person exists; answer speaks of attitudes and training",
        "Gibt es bei der Polizeidirektion eine Ansprechperson für queere Menschen?",
        "Die Polizei setzt sich für einen diskriminierungsfreien Umgang mit allen Bürgerinnen und "
        "Bürgern ein. Entsprechende Inhalte sind Bestandteil der Aus- und Fortbildung.",
    ),
    one(
        "verwaltung-auslaenderbehoerde-keine-massnahme",
        VAGUE,
        "measures asked; none named, only 'so schnell wie möglich'",
        "Welche Maßnahmen ergreift die Verwaltung, um die Wartezeiten in der Ausländerbehörde zu "
        "verkürzen?",
        "Die Verwaltung ist sich der angespannten Situation bewusst und wird alles daransetzen, "
        "die Wartezeiten so schnell wie möglich zu reduzieren.",
    ),
    # --- referral to an unclear answer ---------------------------------------------------------
    letter(
        "kita-verweis-auf-unklare-antwort",
        VAGUE,
        "refers to answer 1, which gives no number",
        (
            "1",
            "Wie viele Kita-Plätze fehlen derzeit im Stadtgebiet?",
            "Eine belastbare Zahl kann derzeit nicht genannt werden, da die Bedarfsplanung "
            "überarbeitet wird.",
        ),
        ("2", "Wie viele Plätze fehlen im Stadtteil Süd?", "Siehe Antwort zu Frage 1."),
    ),
    letter(
        "rad-verweis-auf-vertagung",
        VAGUE,
        "refers to answer 3, which only says the schedule is being coordinated",
        (
            "3",
            "Bis wann soll die Radverkehrsstrategie beschlossen werden?",
            "Der Zeitplan wird derzeit mit den beteiligten Ämtern abgestimmt.",
        ),
        (
            "4",
            "Wann wird die Öffentlichkeit beteiligt?",
            "Auf die Antwort zu Frage 3 wird verwiesen.",
        ),
    ),
    # === clear counter-cases ===================================================================
    # --- "not known / none" where knowledge was asked -----------------------------------------
    one(
        "land-faelle-nicht-bekannt",
        CLEAR,
        "asked whether cases are known; 'nicht bekannt' is the answer",
        "Sind der Landesregierung Fälle bekannt, in denen Kommunen die Mittel aus dem "
        "Sondervermögen zweckwidrig verwendet haben?",
        "Nein, solche Fälle sind der Landesregierung nicht bekannt.",
    ),
    one(
        "ordnung-beschwerden-keine-eingegangen",
        CLEAR,
        "asked whether complaints exist; none received",
        "Liegen der Verwaltung Beschwerden über Lärm durch die neue Gastronomie am Marktplatz vor?",
        "Beim Ordnungsamt sind bislang keine Beschwerden eingegangen.",
    ),
    one(
        "bau-investor-keine-erkenntnisse",
        CLEAR,
        "asked whether the city has knowledge; it has none",
        "Hat die Stadt Kenntnis von Plänen des Investors, das Grundstück weiterzuverkaufen?",
        "Der Stadt liegen hierzu keine Erkenntnisse vor.",
    ),
    one(
        "innen-feuerwehr-erkenntnisse-liegen-nicht-vor",
        CLEAR,
        "asked which findings exist; none exist",
        "Welche Erkenntnisse liegen den Sicherheitsbehörden über rechtsextreme Aktivitäten in "
        "Freiwilligen Feuerwehren vor?",
        "Erkenntnisse über rechtsextreme Aktivitäten in Freiwilligen Feuerwehren liegen den "
        "Sicherheitsbehörden nicht vor.",
    ),
    one(
        "energie-sperren-ist-bekannt-nein",
        CLEAR,
        "'Ist der Verwaltung bekannt, wie viele …' asks for knowledge; 'Nein' with the reason",
        "Ist der Verwaltung bekannt, wie viele Haushalte in der Stadt von Energiesperren "
        "betroffen sind?",
        "Nein. Die Energieversorger melden Sperrungen nicht an die Stadt.",
    ),
    # --- premise rejected, with the fact stated -----------------------------------------------
    one(
        "kultur-bibliothek-schliessung-nicht-geplant",
        CLEAR,
        "the asked closing is not planned; no date can be expected",
        "Wann wird die Verwaltung die geplante Schließung der Stadtteilbibliothek Ost umsetzen?",
        "Eine Schließung der Stadtteilbibliothek Ost ist nicht geplant. Die Bibliothek bleibt am "
        "bisherigen Standort mit unveränderten Öffnungszeiten erhalten.",
    ),
    one(
        "haushalt-miete-gebaeude-eigentum",
        CLEAR,
        "the building is owned, not rented, so there is no rent",
        "Wie hoch ist die Miete, die der Kreis für das angemietete Verwaltungsgebäude in der "
        "Bahnhofstraße zahlt?",
        "Das Gebäude in der Bahnhofstraße ist nicht angemietet, sondern steht seit 2019 im "
        "Eigentum des Kreises. Miete fällt daher nicht an.",
    ),
    one(
        "verkehr-blitzer-keine-neuen",
        CLEAR,
        "no new speed cameras were installed; the count is stated",
        "Welche Kriterien wurden bei der Auswahl der Standorte für die neuen Blitzer angewandt?",
        "Es wurden keine neuen stationären Blitzer aufgestellt. Die Zahl der Anlagen liegt "
        "unverändert bei sieben.",
    ),
    one(
        "oepnv-werbeflaechen-nicht-staedtisch",
        CLEAR,
        "the city does not rent out the advertising spaces; the arrangement is explained",
        "Welche Einnahmen erzielt die Stadt aus der Vermietung der Werbeflächen an "
        "Buswartehäuschen?",
        "Die Werbeflächen werden nicht von der Stadt vermietet; die Wartehallen werden von einem "
        "Werbeunternehmen auf eigene Kosten errichtet und betrieben, das im Gegenzug die "
        "Werbeflächen vermarktet.",
    ),
    # --- moot conditional --------------------------------------------------------------------
    letter(
        "land-berater-kosten-moot",
        CLEAR,
        "question 1 was answered no, so the 'falls ja' costs do not arise",
        (
            "1",
            "Hat das Land für die Reform der Grundsteuer externe Berater beauftragt?",
            "Nein.",
        ),
        (
            "2",
            "Falls ja, welche Kosten sind dem Land dadurch entstanden?",
            "Da Frage 1 verneint wurde, entfällt die Beantwortung.",
        ),
    ),
    letter(
        "personal-disziplinar-entfaellt",
        CLEAR,
        "'Entfällt' for a 'falls ja' follow-up whose stem was answered no",
        (
            "1",
            "Gab es im Jahr 2023 Disziplinarverfahren gegen Beschäftigte des Ordnungsamtes?",
            "Nein, im Jahr 2023 wurden keine Disziplinarverfahren eingeleitet.",
        ),
        ("2", "Falls ja, wie viele Beschäftigte waren betroffen?", "Entfällt."),
    ),
    # --- keyword inside a real answer --------------------------------------------------------
    one(
        "klima-hitze-massnahmen-plus-pruefung",
        CLEAR,
        "measures are listed; 'wird derzeit geprüft' concerns an additional idea",
        "Welche Maßnahmen hat die Stadt seit 2022 zur Hitzevorsorge umgesetzt?",
        "Seit 2022 wurden ein Hitzeaktionsplan beschlossen, 14 Trinkbrunnen installiert und in "
        "drei Kitas Außensonnenschutz nachgerüstet. Ob weitere Kühlräume in öffentlichen "
        "Gebäuden eingerichtet werden können, wird derzeit geprüft.",
    ),
    one(
        "energie-ladepunkte-weitere-abgestimmt",
        CLEAR,
        "the count is given; further sites being coordinated is extra",
        "Wie viele Ladepunkte für Elektrofahrzeuge gibt es im öffentlichen Raum?",
        "Derzeit sind im Stadtgebiet 86 öffentlich zugängliche Ladepunkte in Betrieb, davon 12 "
        "Schnellladepunkte. Weitere Standorte werden derzeit mit den Stadtwerken abgestimmt.",
    ),
    one(
        "feuerwehr-einsaetze-ortsteile-nicht-erfasst",
        CLEAR,
        "the asked total is given; a breakdown nobody asked for is not recorded",
        "Wie viele Einsätze hatte die Freiwillige Feuerwehr im Jahr 2023?",
        "Die Freiwillige Feuerwehr wurde 2023 zu 412 Einsätzen alarmiert, davon 96 "
        "Brandeinsätze und 271 technische Hilfeleistungen. Eine Aufschlüsselung nach Ortsteilen "
        "wird statistisch nicht erfasst.",
    ),
    one(
        "schule-neubau-sachstand-pv-geprueft",
        CLEAR,
        "the status is given with dates; only a side issue is still being examined",
        "Wie ist der Sachstand beim Neubau der Grundschule Am Wald?",
        "Der Bauantrag wurde im Mai 2024 genehmigt, die Ausschreibung der Rohbauarbeiten läuft. "
        "Baubeginn ist für Januar 2025 geplant. Ob eine Photovoltaikanlage auf dem Dach "
        "wirtschaftlich ist, wird noch geprüft.",
    ),
    one(
        "markt-samstag-nicht-moeglich",
        CLEAR,
        "'ist nicht möglich' answers 'ist es möglich', with the reason",
        "Ist es möglich, den Wochenmarkt auf den Samstag zu verlegen?",
        "Eine Verlegung auf den Samstag ist nicht möglich, da der Marktplatz samstags für "
        "Veranstaltungen vergeben ist.",
    ),
    # --- figures on another basis ------------------------------------------------------------
    one(
        "schule-lehrkraefte-ausgeschieden-ohne-grund",
        CLEAR,
        "all departures are given; the split by reason is not possible",
        "Wie viele Lehrkräfte haben im Schuljahr 2023/24 den Schuldienst des Landes auf eigenen "
        "Wunsch verlassen?",
        "Im Schuljahr 2023/24 sind landesweit 1 214 Lehrkräfte aus dem Schuldienst "
        "ausgeschieden. Eine Differenzierung nach dem Grund des Ausscheidens ist anhand der "
        "Personaldaten nicht möglich.",
    ),
    one(
        "sport-hallenbad-defizit-statt-betriebskosten",
        CLEAR,
        "the deficit instead of the operating cost; a figure on another basis",
        "Wie hoch sind die jährlichen Betriebskosten des Hallenbads?",
        "Das Defizit des Hallenbads betrug im Jahr 2023 rund 1,2 Mio. Euro. Die Betriebskosten "
        "werden im Wirtschaftsplan der Bäder GmbH nicht gesondert ausgewiesen.",
    ),
    one(
        "wohnen-zweckentfremdung-bussgelder",
        CLEAR,
        "fines imposed instead of proceedings opened; a figure on another basis",
        "Wie viele Verfahren wegen Verstößen gegen die Zweckentfremdungssatzung wurden 2023 "
        "eingeleitet?",
        "2023 hat die Stadt in 58 Fällen Bußgelder wegen Zweckentfremdung von Wohnraum verhängt. "
        "Die Zahl der eingeleiteten Verfahren wird nicht gesondert erfasst.",
    ),
    # --- relevant, not everything ------------------------------------------------------------
    one(
        "ordnung-muelldetektive-erfahrungen",
        CLEAR,
        "experiences asked; results are reported",
        "Welche Erfahrungen hat die Stadt mit dem Einsatz von Mülldetektiven gemacht?",
        "Seit Einführung im Frühjahr 2023 wurden 340 Verstöße festgestellt und Bußgelder "
        "verhängt. Die Zahl der wilden Müllablagerungen in den Kontrollgebieten ist spürbar "
        "zurückgegangen.",
    ),
    one(
        "bau-barrierefreiheit-sicherstellung",
        CLEAR,
        "how compliance is ensured; the procedure is described",
        "Wie stellt die Verwaltung sicher, dass die Vorgaben der Barrierefreiheit bei Neubauten "
        "eingehalten werden?",
        "Bauanträge für öffentlich zugängliche Gebäude werden von der Bauaufsicht auf die "
        "Einhaltung der DIN 18040 geprüft; bei städtischen Bauvorhaben wird zusätzlich der "
        "Behindertenbeirat beteiligt.",
    ),
    # --- referral to an attachment or to a clear answer ---------------------------------------
    one(
        "innen-einbuergerungen-anlage",
        CLEAR,
        "the figures are in the attachment",
        "Wie viele Einbürgerungen gab es in den Jahren 2019 bis 2023, aufgeschlüsselt nach "
        "Herkunftsstaaten?",
        "Die erfragten Zahlen sind der beigefügten Anlage 1 zu entnehmen.",
    ),
    one(
        "verkehr-kreisstrassen-anlage",
        CLEAR,
        "list and costs are attached",
        "Welche Kreisstraßen wurden 2023 saniert und welche Kosten entstanden jeweils?",
        "Eine Übersicht der sanierten Kreisstraßen mit den jeweiligen Baukosten ist als Anlage "
        "beigefügt.",
    ),
    letter(
        "jugend-verweis-auf-klare-antwort",
        CLEAR,
        "refers to answer 1, which gives both years",
        (
            "1",
            "Wie viele Schulbegleitungen wurden im Jahr 2023 bewilligt?",
            "Im Jahr 2023 wurden 418 Schulbegleitungen bewilligt, 2022 waren es 376.",
        ),
        (
            "2",
            "Wie hat sich die Zahl gegenüber dem Vorjahr entwickelt?",
            "Siehe Antwort zu Frage 1.",
        ),
    ),
    # --- plain answers -----------------------------------------------------------------------
    one(
        "soziales-bezahlkarte-ja-mit-datum",
        CLEAR,
        "yes, with the date",
        "Ist die Einführung einer Bezahlkarte für Geflüchtete im Landkreis geplant?",
        "Ja. Der Landkreis wird die Bezahlkarte zum 1. Oktober 2024 einführen.",
    ),
    one(
        "kita-elternbeitraege-nein",
        CLEAR,
        "no, so the 'falls ja' extent does not arise",
        "Werden die Elternbeiträge für die Kindertagespflege zum neuen Kitajahr erhöht? Falls ja, "
        "in welchem Umfang?",
        "Nein. Eine Erhöhung der Elternbeiträge ist für das Kitajahr 2024/25 nicht vorgesehen.",
    ),
    one(
        "personal-unbesetzte-stellen",
        CLEAR,
        "the count is given",
        "Wie viele Stellen sind in der Kreisverwaltung derzeit unbesetzt?",
        "Zum Stichtag 30. Juni 2024 waren 47 der 1 180 Planstellen unbesetzt; das entspricht "
        "einer Quote von rund 4 Prozent.",
    ),
    one(
        "umwelt-laermaktionsplan-zustaendig",
        CLEAR,
        "the responsible office is named",
        "Wer ist innerhalb der Verwaltung für die Umsetzung des Lärmaktionsplans zuständig?",
        "Zuständig ist das Amt für Umwelt- und Klimaschutz, Abteilung Immissionsschutz.",
    ),
    one(
        "oepnv-haltestelle-termin",
        CLEAR,
        "the completion date is given",
        "Wann soll der barrierefreie Ausbau der Haltestelle Rathaus abgeschlossen sein?",
        "Die Bauarbeiten beginnen im März 2025; die Fertigstellung ist für Ende Juni 2025 "
        "vorgesehen.",
    ),
    one(
        "buergerbuero-abendsprechstunde-warum",
        CLEAR,
        "the reason is given",
        "Warum wurde die Sprechstunde des Bürgerbüros am Donnerstagabend gestrichen?",
        "Die Abendsprechstunde wurde im Durchschnitt von weniger als fünf Personen genutzt. Das "
        "Personal wird seitdem für zusätzliche Termine am Vormittag eingesetzt, an denen die "
        "Nachfrage deutlich höher ist.",
    ),
)

# --- second batch, written after the rules were revised on the first one and scored as written --
CASES_2: tuple[Case, ...] = (
    one(
        "ordnung-radweg-parken-haendisch",
        VAGUE,
        "a count was asked; only a manual evaluation would be possible",
        "Wie viele Bußgeldbescheide wegen Parkens auf Radwegen wurden 2023 erlassen?",
        "Verstöße gegen das Parkverbot auf Radwegen werden im Fachverfahren nicht gesondert "
        "gekennzeichnet, sodass eine Auswertung nur händisch möglich wäre.",
    ),
    one(
        "haushalt-hebesatz-wartet-auf-bescheide",
        VAGUE,
        "a date was asked; the administration waits and names none",
        "Wann wird die Hebesatzsatzung zur Grundsteuer für 2025 dem Rat vorgelegt?",
        "Die Verwaltung wartet derzeit noch auf die Messbescheide der Finanzämter. Sobald diese "
        "vollständig vorliegen, wird ein Vorschlag erarbeitet.",
    ),
    one(
        "rat-sichere-haefen-beratung",
        VAGUE,
        "yes/no asked; the answer defers to a committee meeting",
        "Wird die Stadt dem Bündnis „Sichere Häfen“ beitreten?",
        "Der Antrag wird in der nächsten Sitzung des Hauptausschusses beraten. Der Beratung soll "
        "nicht vorgegriffen werden.",
    ),
    one(
        "vergabe-bieter-geheimnis",
        VAGUE,
        "names asked; withheld as a procurement secret",
        "Welche Firmen haben sich an der Ausschreibung für den Winterdienst beteiligt?",
        "Angaben zu einzelnen Bietern unterliegen dem Vergabegeheimnis und können nicht "
        "mitgeteilt werden.",
    ),
    one(
        "land-ministerbuero-offenlegen",
        VAGUE,
        "a cost was asked; the government declines to disclose it",
        "Wie hoch waren die Kosten für den Umbau des Ministerbüros?",
        "Die Landesregierung sieht davon ab, Einzelkosten der Büroausstattung offenzulegen, da "
        "diese Teil des allgemeinen Bauunterhalts sind.",
    ),
    one(
        "verkehr-ampel-maengel-fehlen",
        VAGUE,
        "the date of the check is given; the asked defects are not",
        "Wann wurde die Ampel an der Kreuzung Hauptstraße/Schulweg zuletzt überprüft und welche "
        "Mängel wurden festgestellt?",
        "Die letzte Überprüfung fand am 12. März 2024 statt.",
    ),
    one(
        "kultur-bibliothek-samstag-warum-nicht",
        VAGUE,
        "'nicht geplant'; the asked reason why not is missing",
        "Ist eine Verlängerung der Öffnungszeiten der Stadtbibliothek am Samstag geplant? Wenn "
        "nein, warum nicht?",
        "Eine Verlängerung der Samstagsöffnung ist derzeit nicht geplant.",
    ),
    one(
        "ordnung-leinenpflicht-drumherum",
        VAGUE,
        "asked whether fines were imposed; the answer describes controls only",
        "Hat der Landkreis im Jahr 2023 Verwarngelder für Verstöße gegen die Leinenpflicht "
        "verhängt?",
        "Die Einhaltung der Leinenpflicht wird im Rahmen der allgemeinen Streifentätigkeit des "
        "Ordnungsdienstes kontrolliert. Hundehalterinnen und Hundehalter werden dabei auch über "
        "ihre Pflichten aufgeklärt.",
    ),
    one(
        "kats-notfallplan-drumherum",
        VAGUE,
        "asked whether a plan exists; the answer only says the topic is taken seriously",
        "Existiert ein Notfallplan für einen länger andauernden Stromausfall im Kreishaus?",
        "Der Kreis nimmt die Vorsorge für Krisenlagen sehr ernst und arbeitet eng mit den "
        "Hilfsorganisationen und dem Katastrophenschutz zusammen.",
    ),
    one(
        "verkehr-radweg-kommende-jahre",
        VAGUE,
        "a date was asked; 'in den kommenden Jahren', depending on funding",
        "Bis wann wird der Radweg zwischen Ahlen und Vorhelm fertiggestellt?",
        "Die Fertigstellung ist für die kommenden Jahre vorgesehen und hängt von der "
        "Bereitstellung der Fördermittel ab.",
    ),
    letter(
        "buergeramt-verweis-auf-vertagung",
        VAGUE,
        "refers to answer 1, which gives no cost",
        (
            "1",
            "Welche Kosten entstehen durch den Umzug des Bürgeramts?",
            "Die Kosten lassen sich erst nach Abschluss der Planung beziffern.",
        ),
        ("2", "Wie werden diese Kosten finanziert?", "Siehe Antwort zu Frage 1."),
    ),
    one(
        "schule-sanierungsstau-keine-bewertung",
        VAGUE,
        "an amount was asked; no overall assessment exists, only 'erhebliche Mittel'",
        "Wie hoch ist der Sanierungsstau an den kreiseigenen Schulgebäuden?",
        "Eine aktuelle Gesamtbewertung des baulichen Zustands aller Schulgebäude existiert nicht. "
        "Der Kreis investiert jedes Jahr erhebliche Mittel in den Bauunterhalt.",
    ),
    one(
        "senat-spenden-nicht-bekannt",
        CLEAR,
        "asked whether cases are known; none are",
        "Sind dem Senat Fälle bekannt, in denen Schulen Spenden von Rüstungsunternehmen "
        "angenommen haben?",
        "Dem Senat sind keine derartigen Fälle bekannt.",
    ),
    one(
        "verkehr-zebrastreifen-nicht-entfernt",
        CLEAR,
        "premise rejected: the crossing was not removed, only covered for the works",
        "Warum wurde der Zebrastreifen vor der Grundschule Nord entfernt?",
        "Der Zebrastreifen wurde nicht entfernt. Er wird im Zuge der Fahrbahnsanierung lediglich "
        "vorübergehend abgedeckt und nach Abschluss der Arbeiten im Oktober wieder freigegeben.",
    ),
    letter(
        "steuer-verpackung-erübrigt",
        CLEAR,
        "question 1 answered no; the 'wenn ja' follow-up is moot",
        ("1", "Plant die Stadt eine Verpackungssteuer nach Tübinger Vorbild?", "Nein."),
        (
            "2",
            "Wenn ja, ab wann soll sie erhoben werden?",
            "Die Frage erübrigt sich, siehe Antwort zu 1.",
        ),
    ),
    one(
        "soziales-unterkunft-prognose",
        CLEAR,
        "the count is given; a forecast nobody asked for is not possible",
        "Wie viele Geflüchtete sind derzeit in der Gemeinschaftsunterkunft Am Hafen untergebracht?",
        "Zum 1. September 2024 waren 184 Personen in der Unterkunft untergebracht. Die Belegung "
        "schwankt wöchentlich; eine Prognose für den Winter ist derzeit nicht möglich.",
    ),
    one(
        "kita-ablehnungen-anderer-bezug",
        CLEAR,
        "applications not served on the wished date instead of rejected children",
        "Wie viele Kinder wurden im Kita-Jahr 2023/24 wegen fehlender Plätze abgelehnt?",
        "Im Kita-Jahr 2023/24 konnten 212 Anmeldungen nicht zum Wunschtermin berücksichtigt "
        "werden. Wie viele dieser Kinder später anderweitig versorgt wurden, wird nicht erfasst.",
    ),
    one(
        "sport-vereine-energiekosten",
        CLEAR,
        "support is described with amounts",
        "Wie unterstützt die Stadt Vereine bei gestiegenen Energiekosten?",
        "Vereine, die städtische Sportstätten nutzen, zahlen 2024 keine höheren Nutzungsentgelte. "
        "Zusätzlich wurde ein Härtefallfonds über 50.000 Euro eingerichtet, aus dem bisher 14 "
        "Vereine Zuschüsse erhalten haben.",
    ),
    one(
        "kita-oeffnungszeiten-anlage",
        CLEAR,
        "the list is in the attachment",
        "Welche Kindertagesstätten haben im Jahr 2023 wegen Personalmangels die Öffnungszeiten "
        "gekürzt?",
        "Die betroffenen Einrichtungen sind in der Anlage aufgelistet.",
    ),
    one(
        "sport-freibad-ja-ab-wann",
        CLEAR,
        "yes, with the date",
        "Wird das Freibad in diesem Sommer wieder öffnen? Falls ja, ab wann?",
        "Ja, das Freibad öffnet am 15. Mai 2024.",
    ),
    one(
        "personal-dienstvereinbarung-ja",
        CLEAR,
        "yes, in force since a date",
        "Gibt es in der Kreisverwaltung eine Dienstvereinbarung zum mobilen Arbeiten?",
        "Ja, die Dienstvereinbarung ist seit dem 1. Januar 2022 in Kraft.",
    ),
    one(
        "umwelt-schottergaerten-erkenntnisse-nein",
        CLEAR,
        "asked whether findings exist; 'Nein'",
        "Liegen der Landesregierung Erkenntnisse über die Zahl der Schottergärten in "
        "Niedersachsen vor?",
        "Nein.",
    ),
    one(
        "schule-mensa-verzoegerung-grund",
        CLEAR,
        "the reason is given",
        "Warum verzögert sich die Eröffnung der Mensa am Schulzentrum?",
        "Bei der Abnahme der Lüftungsanlage wurden Mängel festgestellt, die der beauftragte "
        "Fachbetrieb zunächst beheben muss.",
    ),
    one(
        "jugend-verwendungsnachweise-stelle",
        CLEAR,
        "the office is named",
        "Welche Stelle prüft die Verwendungsnachweise der Zuschüsse an freie Träger?",
        "Die Prüfung erfolgt durch das Rechnungsprüfungsamt im Rahmen der laufenden Prüfung.",
    ),
    one(
        "steuer-widersprueche-noch-offen",
        CLEAR,
        "the count is given; 'noch offen' is part of the figures",
        "Wie viele Widersprüche gegen Grundsteuerbescheide sind bei der Stadt eingegangen?",
        "Bis Ende Juni 2024 sind 1.046 Widersprüche eingegangen. Davon wurden 712 erledigt, 334 "
        "sind noch offen.",
    ),
    one(
        "personal-krankenstand-massnahmen",
        CLEAR,
        "measures are named with a date",
        "Welche Maßnahmen plant die Verwaltung zur Senkung des Krankenstands?",
        "Ab Januar 2025 wird ein betriebliches Gesundheitsmanagement mit einer eigenen "
        "Koordinationsstelle eingeführt; zusätzlich werden Führungskräfte zu gesundem Führen "
        "geschult.",
    ),
)

ALL_CASES = CASES + CASES_2


def judge(case: Case) -> Assessment:
    return assess_items(list(case.items))[-1]


def is_clear(assessment: Assessment) -> bool:
    return assessment.verdict is Verdict.CLEAR


def test_table_is_big_and_balanced() -> None:
    assert len(ALL_CASES) >= 40
    assert len({c.id for c in ALL_CASES}) == len(ALL_CASES)
    vague = sum(1 for c in ALL_CASES if not c.clear)
    assert 15 <= vague <= len(ALL_CASES) - 15


def test_heldout_accuracy() -> None:
    wrong = [
        f"{c.id}: expected {'clear' if c.clear else 'not clear'} ({c.why}), "
        f"got {a.verdict.value} {[r.code for r in a.reasons]}"
        for c in ALL_CASES
        if is_clear(a := judge(c)) != c.clear
    ]
    accuracy = 1 - len(wrong) / len(ALL_CASES)
    assert accuracy >= ACCURACY_THRESHOLD, (
        f"held-out accuracy {accuracy:.2f} < {ACCURACY_THRESHOLD}:\n" + "\n".join(wrong)
    )


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_heldout_reasons_are_explained(case: Case) -> None:
    """Whatever the verdict, it is explained, and every span lies inside the answer text."""
    answer = case.items[-1].answer or ""
    assessment = judge(case)
    if assessment.verdict is not Verdict.CLEAR:
        assert assessment.reasons
    for reason in assessment.reasons:
        assert reason.message
        assert 0 <= reason.start <= reason.end <= len(answer)


# --- the sample letter: must hold exactly ----------------------------------------------------


def sample_items() -> list[Item]:
    if not SAMPLE.is_file():
        pytest.skip(f"sample letter not found: {SAMPLE}")
    body = SAMPLE.read_text(encoding="utf-8").split("wie folgt beantwortet:")[1]
    body = body.split("Mit freundlichen Grüßen")[0]
    items: list[Item] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        m = re.match(r"\**(\d+)\. ", chunk.strip())
        if m:
            items.append(Item(m.group(1), chunk.strip().strip("*"), ""))
        elif items:
            last = items[-1]
            items[-1] = Item(last.label, last.question, f"{last.answer}\n\n{chunk}".strip())
    assert [i.label for i in items] == ["1", "2", "3", "4", "5", "6"]
    return items


def test_sample_letter_must_hold() -> None:
    items = sample_items()
    result = assess_items(items)
    assert result[0].verdict is Verdict.CLEAR
    assert result[1].verdict is Verdict.CLEAR
    assert result[2].verdict is Verdict.VAGUE
    assert result[3].verdict is Verdict.VAGUE
    assert result[3].refers_to == "3"
    assert result[4].verdict is Verdict.CLEAR
    assert result[5].verdict in (Verdict.VAGUE, Verdict.PARTIAL)
    q3 = items[2].answer or ""
    spans = [q3[r.start : r.end] for r in result[2].reasons if r.end > r.start]
    assert any("kann aktuell nicht benannt werden" in s for s in spans), spans
