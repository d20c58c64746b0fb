"""Demo articles for the knowledge base (wiki) of the Ausländerbehörde (pure data).

Sources: /work/shared/domain/processes.md and /work/shared/domain/laws.md.
Facts marked "(unverified)" in the sources are left out or labelled "Beispiel".
Yearly-changing figures (salary thresholds, income limits) appear only as labelled examples.
Schema: see knowledge/demo_data.md. Process slugs and step positions (1-based) refer to
processes/demo_data.py.
"""

from __future__ import annotations

ARTICLES = [
    # ------------------------------------------------------------------
    # Fiktionsbescheinigung (K8-03) – three revisions, one significant
    # ------------------------------------------------------------------
    {
        "slug": "fiktionsbescheinigung-varianten",
        "owner": "teamleitung",
        "review_in_days": -12,
        "steps": [
            ("fiktionsbescheinigung", 1),
            ("fiktionsbescheinigung", 2),
            ("fiktionsbescheinigung", 3),
            ("fiktionsbescheinigung", 4),
            ("fiktionsbescheinigung", 5),
            ("fiktionsbescheinigung", 7),
            ("aufenthaltserlaubnis-verlaengern", 3),
        ],
        "processes": ["fiktionsbescheinigung"],
        "revisions": [
            {
                "title": "Fiktionsbescheinigung: Erlaubnis-, Duldungs- und Fortgeltungsfiktion",
                "body": """## Worum es geht

Die Fiktionsbescheinigung bestätigt, welche Wirkung ein gestellter Antrag auf den Aufenthalt hat, solange wir noch nicht entschieden haben. Ausgestellt wird sie nach § 81 Abs. 5 AufenthG auf dem amtlichen Vordruck (Anlage D3, § 58 Nr. 3 AufenthV).

Bevor der Vordruck ausgefüllt wird, muss feststehen, **welche Fiktion** eingetreten ist. Das Ankreuzfeld ist keine Formsache.

## Die drei Varianten

| Variante | Norm | Wirkung bis zur Entscheidung |
|---|---|---|
| Erlaubnisfiktion | § 81 Abs. 3 AufenthG | Aufenthalt gilt als erlaubt |
| Duldungsfiktion | § 81 Abs. 3 AufenthG | Aufenthalt gilt als geduldet |
| Fortgeltungsfiktion | § 81 Abs. 4 AufenthG | bisheriger Titel gilt als fortbestehend |

Erlaubnis- und Duldungsfiktion betreffen den **Erstantrag**. Die Fortgeltungsfiktion betrifft den **rechtzeitig** gestellten Verlängerungsantrag.

## Prüfreihenfolge

1. Eingangsdatum des Antrags mit dem Ablaufdatum des Titels vergleichen (§ 81 Abs. 4 Satz 1 AufenthG). Das Eingangsdatum muss in der Akte nachvollziehbar sein.
2. Verlängerungsantrag vor Ablauf gestellt: **Fortgeltungsfiktion** bescheinigen.
3. Erstantrag: prüfen, ob nach § 81 Abs. 3 AufenthG die Erlaubnis- oder die Duldungsfiktion eingetreten ist, und das Ergebnis kurz im Vermerk begründen.
4. Nebenbestimmungen, insbesondere zur Erwerbstätigkeit, aus dem bisherigen Titel in den Vordruck übernehmen.

## Gebühr

Für die Fiktionsbescheinigung werden 13 € erhoben (§ 47 Abs. 1 Nr. 8 AufenthV). Weitere Gebührentatbestände: [[gebuehren-aufenthv]].
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
            {
                "title": "Fiktionsbescheinigung: Erlaubnis-, Duldungs- und Fortgeltungsfiktion",
                "body": """## Worum es geht

Die Fiktionsbescheinigung bestätigt, welche Wirkung ein gestellter Antrag auf den Aufenthalt hat, solange wir noch nicht entschieden haben. Ausgestellt wird sie nach § 81 Abs. 5 AufenthG auf dem amtlichen Vordruck (Anlage D3, § 58 Nr. 3 AufenthV).

Bevor der Vordruck ausgefüllt wird, muss feststehen, **welche Fiktion** eingetreten ist. Das Ankreuzfeld ist keine Formsache.

## Die drei Varianten

| Variante | Norm | Wirkung bis zur Entscheidung |
|---|---|---|
| Erlaubnisfiktion | § 81 Abs. 3 AufenthG | Aufenthalt gilt als erlaubt |
| Duldungsfiktion | § 81 Abs. 3 AufenthG | Aufenthalt gilt als geduldet |
| Fortgeltungsfiktion | § 81 Abs. 4 AufenthG | bisheriger Titel gilt als fortbestehend |

Erlaubnis- und Duldungsfiktion betreffen den **Erstantrag**. Die Fortgeltungsfiktion betrifft den **rechtzeitig** gestellten Verlängerungsantrag. Bei einem **verspäteten** Verlängerungsantrag tritt keine Fiktion kraft Gesetzes ein.

## Prüfreihenfolge

1. Eingangsdatum des Antrags mit dem Ablaufdatum des Titels vergleichen (§ 81 Abs. 4 Satz 1 AufenthG). Das Eingangsdatum muss in der Akte nachvollziehbar sein.
2. Verlängerungsantrag vor Ablauf gestellt: **Fortgeltungsfiktion** bescheinigen.
3. Verlängerungsantrag nach Ablauf gestellt: keine gesetzliche Fortgeltung, weiter mit dem Abschnitt „Verspäteter Antrag“.
4. Erstantrag: prüfen, ob nach § 81 Abs. 3 AufenthG die Erlaubnis- oder die Duldungsfiktion eingetreten ist, und das Ergebnis kurz im Vermerk begründen.
5. Nebenbestimmungen, insbesondere zur Erwerbstätigkeit, aus dem bisherigen Titel in den Vordruck übernehmen.

## Verspäteter Antrag

Geht der Verlängerungsantrag erst nach Ablauf des Titels ein, kann die Behörde die Fortgeltung des bisherigen Titels zur Vermeidung einer **unbilligen Härte** anordnen (§ 81 Abs. 4 Satz 3 AufenthG).

- Die Anordnung wird nur mit **Freigabe der Teamleitung** getroffen.
- Härtegründe und Abwägung werden im Vermerk festgehalten.
- Erst nach der Anordnung darf eine Fortgeltung bescheinigt werden.

## Was die Bescheinigung nicht ist

Die Fiktionsbescheinigung wirkt nur **deklaratorisch**: Sie bescheinigt eine Rechtsfolge, die kraft Gesetzes eingetreten ist oder angeordnet wurde. Sie ist selbst keine Anordnung der Fortgeltung. Eine ohne Anordnung ausgestellte Bescheinigung ersetzt die Anordnung deshalb nicht.

## Gebühr

Für die Fiktionsbescheinigung werden 13 € erhoben (§ 47 Abs. 1 Nr. 8 AufenthV). Weitere Gebührentatbestände: [[gebuehren-aufenthv]].
""",
                "note": "Verspäteter Antrag nach § 81 Abs. 4 Satz 3 AufenthG und deklaratorische Wirkung ergänzt.",
                "significant": True,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
            {
                "title": "Fiktionsbescheinigung: Erlaubnis-, Duldungs- und Fortgeltungsfiktion",
                "body": """## Worum es geht

Die Fiktionsbescheinigung bestätigt, welche Wirkung ein gestellter Antrag auf den Aufenthalt hat, solange wir noch nicht entschieden haben. Ausgestellt wird sie nach § 81 Abs. 5 AufenthG auf dem amtlichen Vordruck (Anlage D3, § 58 Nr. 3 AufenthV).

Bevor der Vordruck ausgefüllt wird, muss feststehen, **welche Fiktion** eingetreten ist. Das Ankreuzfeld ist keine Formsache.

## Die drei Varianten

| Variante | Norm | Wirkung bis zur Entscheidung |
|---|---|---|
| Erlaubnisfiktion | § 81 Abs. 3 AufenthG | Aufenthalt gilt als erlaubt |
| Duldungsfiktion | § 81 Abs. 3 AufenthG | Aufenthalt gilt als geduldet |
| Fortgeltungsfiktion | § 81 Abs. 4 AufenthG | bisheriger Titel gilt als fortbestehend |

Erlaubnis- und Duldungsfiktion betreffen den **Erstantrag**. Die Fortgeltungsfiktion betrifft den **rechtzeitig** gestellten Verlängerungsantrag. Bei einem **verspäteten** Verlängerungsantrag tritt keine Fiktion kraft Gesetzes ein.

## Prüfreihenfolge

1. Eingangsdatum mit dem Ablaufdatum des Titels vergleichen (§ 81 Abs. 4 Satz 1 AufenthG).
2. Rechtzeitiger Verlängerungsantrag: **Fortgeltungsfiktion** bescheinigen.
3. Verspäteter Verlängerungsantrag: weiter mit „Verspäteter Antrag“.
4. Erstantrag: Erlaubnis- oder Duldungsfiktion nach § 81 Abs. 3 AufenthG bestimmen und im Vermerk begründen.
5. Nebenbestimmungen, insbesondere zur Erwerbstätigkeit, in den Vordruck übernehmen.

## Verspäteter Antrag

Geht der Verlängerungsantrag erst nach Ablauf des Titels ein, kann die Behörde die Fortgeltung zur Vermeidung einer **unbilligen Härte** anordnen (§ 81 Abs. 4 Satz 3 AufenthG). Anordnung nur mit **Freigabe der Teamleitung**; Härtegründe im Vermerk festhalten. Erst danach wird die Fortgeltung bescheinigt.

## Was die Bescheinigung nicht ist

Die Fiktionsbescheinigung wirkt nur **deklaratorisch**. Sie ist keine Anordnung der Fortgeltung und ersetzt eine fehlende Anordnung nicht.

## Pforzheimer Praxis

- Folgebescheinigungen werden bei Ablauf in der Regel **per Post** verlängert; eine Vorsprache nur bei Bedarf.
- Wiedervorlage bis zur Entscheidung setzen, damit keine Bescheinigung unbemerkt abläuft.
- Bei Aushändigung des eAT wird die Fiktionsbescheinigung eingezogen, siehe [[eat-pin-brief-fingerabdruecke|eAT-Ausgabe]].
- Als Aufenthaltsstatus für eine Verpflichtungserklärung genügt die Fiktionsbescheinigung nicht, siehe [[verpflichtungserklaerung-bonitaet]].

## Gebühr

13 € (§ 47 Abs. 1 Nr. 8 AufenthV). Weitere Gebührentatbestände: [[gebuehren-aufenthv]].
""",
                "note": "Pforzheimer Praxis ergänzt und Prüfreihenfolge gestrafft.",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Beteiligung der Bundesagentur für Arbeit – two revisions
    # ------------------------------------------------------------------
    {
        "slug": "ba-beteiligung",
        "owner": "teamleitung",
        "review_in_days": 150,
        "steps": [
            ("fachkraefte-blaue-karte", 4),
            ("arbeitgeberwechsel", 2),
            ("arbeitgeberwechsel", 3),
            ("beschaeftigungserlaubnis-gestattete-geduldete", 4),
            ("beschaeftigungserlaubnis-gestattete-geduldete", 5),
            ("beschleunigtes-fachkraefteverfahren", 6),
        ],
        "processes": [],
        "revisions": [
            {
                "title": "Beteiligung der Bundesagentur für Arbeit",
                "body": """## Rechtsgrundlage

Ob eine Beschäftigung der Zustimmung der Bundesagentur für Arbeit (BA) bedarf, richtet sich nach § 39 AufenthG. Das Verfahren regelt die BeschV in Teil 8:

- § 34 BeschV – Beschränkung der Zustimmung
- § 35 BeschV – Reichweite der Zustimmung
- § 36 BeschV – Zustimmungsfiktion und Vorabprüfung

## Erst prüfen, dann beteiligen

1. **Erlaubt der Titel die Beschäftigung bereits?** Maßgeblich ist, was der Titel zur Erwerbstätigkeit aussagt (§ 4a AufenthG). Beispiel: Die Aufenthaltserlaubnis zum Familiennachzug berechtigt zur Erwerbstätigkeit (§ 27 Abs. 5 AufenthG).
2. **Ist die Beschäftigung zustimmungsfrei?** Nur annehmen, wenn eine Vorschrift das ausdrücklich vorsieht. Fälle aus unserem Prozesskatalog:
    - Aufenthaltserlaubnisse nach Abschnitt 5 des AufenthG, etwa nach Schutzgewährung: keine Zustimmung der BA (§ 31 BeschV).
    - Gestattete und Geduldete: zustimmungsfrei sind u. a. die Berufsausbildung und jede Beschäftigung nach vier Jahren (§ 32 Abs. 2 BeschV).
3. **Sonst die Zustimmung einholen.** Für Gestattete und Geduldete kommt sie nach drei Monaten erlaubtem, geduldetem oder gestattetem Aufenthalt in Betracht (§ 32 Abs. 1 BeschV).

Ist die Einordnung unklar, vor der Entscheidung Rücksprache mit der Teamleitung halten.

## Unterlagen für die Anfrage

- „Erklärung zum Beschäftigungsverhältnis“ (Vordruck der BA), vom Arbeitgeber ausgefüllt
- Arbeitsvertrag oder Arbeitsvertragsentwurf
- bei Fachkräften die Qualifikationsnachweise

## Reichweite der Zustimmung

Eine Zustimmung für ein bestimmtes Beschäftigungsverhältnis erlischt mit dessen Ende (§ 35 Abs. 4 BeschV). Bei einem Arbeitgeberwechsel ist deshalb neu zu prüfen. Die neue Beschäftigung darf erst nach Erteilung der Erlaubnis aufgenommen werden – darauf weisen wir ausdrücklich hin.
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
            {
                "title": "Beteiligung der Bundesagentur für Arbeit und Zustimmungsfiktion",
                "body": """## Rechtsgrundlage

Ob eine Beschäftigung der Zustimmung der Bundesagentur für Arbeit (BA) bedarf, richtet sich nach § 39 AufenthG. Das Verfahren regelt die BeschV in Teil 8:

- § 34 BeschV – Beschränkung der Zustimmung
- § 35 BeschV – Reichweite der Zustimmung
- § 36 BeschV – Zustimmungsfiktion und Vorabprüfung

## Erst prüfen, dann beteiligen

1. **Erlaubt der Titel die Beschäftigung bereits?** Maßgeblich ist, was der Titel zur Erwerbstätigkeit aussagt (§ 4a AufenthG). Beispiel: Die Aufenthaltserlaubnis zum Familiennachzug berechtigt zur Erwerbstätigkeit (§ 27 Abs. 5 AufenthG).
2. **Ist die Beschäftigung zustimmungsfrei?** Nur annehmen, wenn eine Vorschrift das ausdrücklich vorsieht. Fälle aus unserem Prozesskatalog:
    - Aufenthaltserlaubnisse nach Abschnitt 5 des AufenthG, etwa nach Schutzgewährung: keine Zustimmung der BA (§ 31 BeschV).
    - Gestattete und Geduldete: zustimmungsfrei sind u. a. die Berufsausbildung und jede Beschäftigung nach vier Jahren (§ 32 Abs. 2 BeschV).
3. **Sonst die Zustimmung einholen.** Für Gestattete und Geduldete kommt sie nach drei Monaten erlaubtem, geduldetem oder gestattetem Aufenthalt in Betracht (§ 32 Abs. 1 BeschV).

Ist die Einordnung unklar, vor der Entscheidung Rücksprache mit der Teamleitung halten.

## Zustimmungsfiktion

Äußert sich die BA nicht innerhalb von **zwei Wochen**, gilt die Zustimmung als erteilt (§ 36 Abs. 2 BeschV). Für die Praxis:

- Datum der Anfrage an die BA in der Akte festhalten.
- Wiedervorlage auf den Ablauf der zwei Wochen setzen.
- Nach Ablauf ohne Rückmeldung den Eintritt der Fiktion vermerken und weiterbearbeiten, nicht „vorsichtshalber“ weiter warten.

## Unterlagen für die Anfrage

- „Erklärung zum Beschäftigungsverhältnis“ (Vordruck der BA), vom Arbeitgeber ausgefüllt
- Arbeitsvertrag oder Arbeitsvertragsentwurf
- bei Fachkräften die Qualifikationsnachweise

## Reichweite der Zustimmung

Eine Zustimmung für ein bestimmtes Beschäftigungsverhältnis erlischt mit dessen Ende (§ 35 Abs. 4 BeschV). Beim Arbeitgeberwechsel neu prüfen; die neue Beschäftigung darf erst nach Erteilung der Erlaubnis aufgenommen werden.

## Zitierhinweis für Bescheide

Die Zustimmungsnorm steht im Aufenthaltsgesetz: **§ 39 AufenthG**. Die BeschV enthält nur die Verfahrensregeln (§§ 34 bis 36 BeschV); ihr Teil 9 beginnt mit § 38 BeschV (Anwerbung und Vermittlung). In Textbausteinen deshalb § 39 AufenthG und ggf. § 36 Abs. 2 BeschV zitieren.

Weiterführend: [[blaue-karte-eu]], [[beschleunigtes-fachkraefteverfahren]].
""",
                "note": "Zustimmungsfiktion nach § 36 Abs. 2 BeschV und Zitierhinweis ergänzt.",
                "significant": True,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Blaue Karte EU – two revisions
    # ------------------------------------------------------------------
    {
        "slug": "blaue-karte-eu",
        "owner": "redaktion",
        "review_in_days": 200,
        "steps": [
            ("fachkraefte-blaue-karte", 2),
            ("fachkraefte-blaue-karte", 3),
            ("fachkraefte-blaue-karte", 8),
        ],
        "processes": ["fachkraefte-blaue-karte"],
        "revisions": [
            {
                "title": "Blaue Karte EU (§ 18g AufenthG)",
                "body": """## Rechtslage

Die Blaue Karte EU ist seit dem 18.11.2023 in § 18g AufenthG geregelt (erste Stufe des Gesetzes zur Weiterentwicklung der Fachkräfteeinwanderung). Die Neuregelung setzt die Richtlinie (EU) 2021/1883 um und hat die Gehaltsschwellen gegenüber der früheren Rechtslage abgesenkt.

## Prüfung im Prozess

1. **Qualifikation**: Fachkraft im Sinne von § 18 Abs. 3 AufenthG; Anerkennung bzw. Vergleichbarkeit des Abschlusses nachweisen lassen.
2. **Titelwahl**: Neben § 18g AufenthG kommen § 18a AufenthG (berufliche Ausbildung), § 18b AufenthG (akademische Ausbildung) und § 19c AufenthG i. V. m. § 6 BeschV (ausgeprägte berufspraktische Erfahrung) in Betracht. Welcher Titel beantragt wird, klären wir mit der antragstellenden Person und halten es im Vermerk fest.
3. **Gehalt**: Bruttojahresgehalt laut Arbeitsvertrag mit der maßgeblichen Gehaltsschwelle vergleichen.
4. **BA-Beteiligung**: prüfen, ob eine Zustimmung erforderlich ist, siehe [[ba-beteiligung]].

## Gehaltsschwellen

Die Gehaltsschwellen werden jährlich neu festgesetzt. Dieses Wiki nennt deshalb bewusst keinen verbindlichen Betrag.

**Beispiel** zur Rechenweise (Beispielwert, jährlich neu festgesetzt – bitte aktuellen Wert prüfen): Gehaltsschwelle 48.000 € brutto im Jahr; laut Arbeitsvertrag 4.100 € brutto monatlich, also 49.200 € im Jahr – die Beispielschwelle ist erreicht.

Im Vermerk immer den **angewandten Wert mit Stand** festhalten. Bei Sonderzahlungen oder variablen Gehaltsbestandteilen vorher Rücksprache mit der Teamleitung.

## Gebühr

Erteilung der Blauen Karte: 100 € (§ 45 Nr. 1 AufenthV).
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
            {
                "title": "Blaue Karte EU (§ 18g AufenthG): Prüfung und Perspektive",
                "body": """## Rechtslage

Die Blaue Karte EU ist seit dem 18.11.2023 in § 18g AufenthG geregelt (erste Stufe des Gesetzes zur Weiterentwicklung der Fachkräfteeinwanderung). Die Neuregelung setzt die Richtlinie (EU) 2021/1883 um und hat die Gehaltsschwellen gegenüber der früheren Rechtslage abgesenkt.

## Prüfung im Prozess

1. **Qualifikation**: Fachkraft im Sinne von § 18 Abs. 3 AufenthG; Anerkennung bzw. Vergleichbarkeit des Abschlusses nachweisen lassen. Bei reglementierten Berufen zusätzlich die Berufsausübungserlaubnis anfordern.
2. **Titelwahl**: Neben § 18g AufenthG kommen § 18a AufenthG (berufliche Ausbildung), § 18b AufenthG (akademische Ausbildung) und § 19c AufenthG i. V. m. § 6 BeschV (ausgeprägte berufspraktische Erfahrung) in Betracht. Welcher Titel beantragt wird, klären wir mit der antragstellenden Person und halten es im Vermerk fest.
3. **Gehalt**: Bruttojahresgehalt laut Arbeitsvertrag mit der maßgeblichen Gehaltsschwelle vergleichen.
4. **BA-Beteiligung**: prüfen, ob eine Zustimmung erforderlich ist, siehe [[ba-beteiligung]].

## Gehaltsschwellen

Die Gehaltsschwellen werden jährlich neu festgesetzt. Dieses Wiki nennt deshalb bewusst keinen verbindlichen Betrag.

**Beispiel** zur Rechenweise (Beispielwert, jährlich neu festgesetzt – bitte aktuellen Wert prüfen): Gehaltsschwelle 48.000 € brutto im Jahr; laut Arbeitsvertrag 4.100 € brutto monatlich, also 49.200 € im Jahr – die Beispielschwelle ist erreicht.

Im Vermerk immer den **angewandten Wert mit Stand** festhalten.

## Einreise und Perspektive

- Die Einreise kann über das beschleunigte Fachkräfteverfahren vorbereitet werden; § 81a AufenthG gilt auch für § 18g AufenthG, siehe [[beschleunigtes-fachkraefteverfahren]].
- Inhaber einer Chancenkarte können bei Arbeitsplatzfund in die Blaue Karte wechseln, siehe [[chancenkarte]].
- Bei Erteilung auf die Niederlassungserlaubnis nach § 18c AufenthG hinweisen. Die Fristen in § 18c AufenthG wurden zum 01.03.2024 herabgesetzt; den aktuellen Wortlaut heranziehen.
- Auf den Familiennachzug hinweisen, siehe [[familiennachzug-visumzustimmung|Familiennachzug]].

## Gebühren

- Erteilung der Blauen Karte: 100 € (§ 45 Nr. 1 AufenthV)
- spätere Niederlassungserlaubnis: 113 € (§ 44 AufenthV), für Hochqualifizierte nach § 18c Abs. 3 AufenthG 147 € (§ 44 AufenthV)
""",
                "note": "Hinweise zu Einreise, Perspektive und reglementierten Berufen ergänzt.",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Beschleunigtes Fachkräfteverfahren – one revision
    # ------------------------------------------------------------------
    {
        "slug": "beschleunigtes-fachkraefteverfahren",
        "owner": "teamleitung",
        "review_in_days": 120,
        "steps": [
            ("beschleunigtes-fachkraefteverfahren", 1),
            ("beschleunigtes-fachkraefteverfahren", 2),
            ("beschleunigtes-fachkraefteverfahren", 3),
            ("beschleunigtes-fachkraefteverfahren", 4),
            ("beschleunigtes-fachkraefteverfahren", 8),
            ("beschleunigtes-fachkraefteverfahren", 9),
        ],
        "processes": ["beschleunigtes-fachkraefteverfahren"],
        "revisions": [
            {
                "title": "Beschleunigtes Fachkräfteverfahren (§ 81a AufenthG)",
                "body": """## Worum es geht

Im beschleunigten Fachkräfteverfahren bereitet die Ausländerbehörde auf Antrag des Arbeitgebers die Einreise einer Fachkraft vor und erteilt die Vorabzustimmung zum Visum. Das Verfahren gibt es seit dem 01.03.2020. Zuständig bei uns: Sachbearbeitung Erwerbsmigration.

## Anwendungsbereich

§ 81a AufenthG gilt für Titel nach §§ 16a, 16d, 18a, 18b, 18c Abs. 3 und 18g AufenthG. Für andere Aufenthaltszwecke ist das Verfahren nicht eröffnet.

## Ablauf

1. **Anfrage prüfen**: Ist der angestrebte Titel erfasst (§ 81a Abs. 1 AufenthG)?
2. **Vollmacht**: Die Fachkraft bevollmächtigt den Arbeitgeber (§ 81a Abs. 2 Nr. 2 AufenthG). Ohne Vollmacht keine Vereinbarung.
3. **Vereinbarung** mit dem Arbeitgeber: Kontaktdaten, beizubringende Nachweise, Abläufe und Fristen (§ 81a Abs. 2 AufenthG). Abschluss mit Freigabe der Teamleitung.
4. **Gebühr**: 411 € (§ 47 Abs. 1 Nr. 15 AufenthV). Nach unserer Praxis wird sie auch bei negativem Ausgang nicht erstattet – darauf vor Abschluss der Vereinbarung hinweisen.
5. **Anerkennung**: Verfahren zur Feststellung der Gleichwertigkeit bei der Anerkennungsstelle einleiten (§ 81a Abs. 2 Nr. 3 AufenthG).
6. **BA-Zustimmung** einholen (§ 39 AufenthG), siehe [[ba-beteiligung]].
7. **Allgemeine Erteilungsvoraussetzungen** und Ausschlussgründe prüfen (§ 5 AufenthG).
8. **Vorabzustimmung** erteilen und über das AZR an die Auslandsvertretung übermitteln (§ 31 Abs. 3, § 31a Abs. 1 AufenthV).

## Was danach passiert

Die Auslandsvertretung bietet einen Termin binnen drei Wochen an und entscheidet in der Regel binnen drei Wochen über das Visum (§ 31a Abs. 1 und 2 AufenthV). Nach der Einreise wird der Aufenthaltstitel erteilt; für die Blaue Karte siehe [[blaue-karte-eu]].

## Typische Unterlagen

- Arbeitsvertrag bzw. konkretes Arbeitsplatzangebot
- Vollmacht der Fachkraft für den Arbeitgeber
- Erklärung zum Beschäftigungsverhältnis (Vordruck der BA)
- Qualifikationsnachweise mit Übersetzung
- Passkopie
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Verpflichtungserklärung – two revisions
    # ------------------------------------------------------------------
    {
        "slug": "verpflichtungserklaerung-bonitaet",
        "owner": "redaktion",
        "review_in_days": 25,
        "steps": [
            ("verpflichtungserklaerung", 2),
            ("verpflichtungserklaerung", 3),
            ("verpflichtungserklaerung", 4),
            ("verpflichtungserklaerung", 6),
            ("verpflichtungserklaerung", 7),
        ],
        "processes": ["verpflichtungserklaerung"],
        "revisions": [
            {
                "title": "Verpflichtungserklärung: Bonität und Belehrung",
                "body": """## Zuständigkeit

Verpflichtungserklärungen nimmt in Pforzheim das **Bürgercentrum** entgegen. Die verpflichtende Person muss **persönlich** vorsprechen; der Termin wird vorher vergeben.

## Wer kann sich verpflichten?

Geeignet sind Deutsche und Inhaber eines Aufenthaltstitels. **Nicht ausreichend** sind:

- Duldung
- Aufenthaltsgestattung
- Visum
- Fiktionsbescheinigung

Identität und Aufenthaltsstatus prüfen wir anhand von Pass, Personalausweis oder Aufenthaltstitel (bundeseinheitliches Merkblatt des BMI).

## Bonität

Die Bonität wird anhand von Einkommens- und Vermögensnachweisen geprüft; Orientierung bieten die Pfändungsfreigrenzen (Rechtsbezug: § 68 Abs. 1 AufenthG). Immer die aktuell geltenden Pfändungsfreigrenzen verwenden, keine alten Tabellen aus Ablagen.

Typische Nachweise:

- Gehaltsabrechnungen oder Rentenbescheid
- bei Selbständigen eine Bescheinigung des Steuerberaters
- Mietvertrag
- Passdaten des Gastes

## Belehrung

Vor der Unterschrift über Umfang und Dauer der Haftung belehren:

- Die Haftung für den Lebensunterhalt erstreckt sich auf **fünf Jahre ab Einreise** (§ 68 AufenthG).
- Kostenschuldner und Umfang der Kosten ergeben sich aus §§ 66, 67 AufenthG.

## Vordruck und Gebühr

Der bundeseinheitliche, fälschungssichere Vordruck wird ausgefüllt und die Unterschrift beglaubigt. Gebühr: 29 € (§ 47 Abs. 1 Nr. 12 AufenthV). Das Original erhält die verpflichtende Person zur Weiterleitung an den Gast.
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
            {
                "title": "Verpflichtungserklärung: Bonität, Belehrung und Aufbewahrung",
                "body": """## Zuständigkeit

Verpflichtungserklärungen nimmt in Pforzheim das **Bürgercentrum** entgegen. Die verpflichtende Person muss **persönlich** vorsprechen; der Termin wird vorher vergeben.

## Wer kann sich verpflichten?

Geeignet sind Deutsche und Inhaber eines Aufenthaltstitels. **Nicht ausreichend** sind Duldung, Aufenthaltsgestattung, Visum und Fiktionsbescheinigung. Identität und Aufenthaltsstatus prüfen wir anhand von Pass, Personalausweis oder Aufenthaltstitel (bundeseinheitliches Merkblatt des BMI).

## Bonität

Die Bonität wird anhand von Einkommens- und Vermögensnachweisen geprüft; Orientierung bieten die Pfändungsfreigrenzen (Rechtsbezug: § 68 Abs. 1 AufenthG). Immer die aktuell geltenden Pfändungsfreigrenzen verwenden.

Typische Nachweise: Gehaltsabrechnungen oder Rentenbescheid, bei Selbständigen eine Bescheinigung des Steuerberaters, Mietvertrag, Passdaten des Gastes.

## Belehrung

Vor der Unterschrift über Umfang und Dauer der Haftung belehren:

- Die Haftung für den Lebensunterhalt erstreckt sich auf **fünf Jahre ab Einreise** (§ 68 AufenthG).
- Kostenschuldner und Umfang der Kosten ergeben sich aus §§ 66, 67 AufenthG.
- Für ältere Erklärungen gilt die Übergangsregelung in § 68a AufenthG.

## Vordruck und Gebühr

Der bundeseinheitliche, fälschungssichere Vordruck wird ausgefüllt und die Unterschrift beglaubigt. Gebühr: 29 € (§ 47 Abs. 1 Nr. 12 AufenthV). Das Original erhält die verpflichtende Person zur Weiterleitung an den Gast.

## Dokumentation und Aufbewahrung

- Das **Ergebnis der Bonitätsprüfung** wird vermerkt.
- Kopien kommen in eine **gesonderte Akte**.
- Aufbewahrungsempfehlung: sechs Jahre nach Ende des Geltungszeitraums.

## Hinweis für den Gast

Zwischen Abgabe der Erklärung und Visumerteilung sollen nach Auskunft des Auswärtigen Amts in der Regel nicht mehr als sechs Monate liegen. Darauf weisen wir bei der Terminvergabe hin, damit die Erklärung nicht zu früh abgegeben wird.
""",
                "note": "Dokumentation, Aufbewahrung und Hinweis zur Sechsmonatsspanne ergänzt.",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Gebühren nach der AufenthV – two revisions, second significant
    # ------------------------------------------------------------------
    {
        "slug": "gebuehren-aufenthv",
        "owner": "teamleitung",
        "review_in_days": -40,
        "steps": [
            ("gebuehren-kasse", 1),
            ("gebuehren-kasse", 2),
            ("gebuehren-kasse", 5),
            ("aufenthaltserlaubnis-verlaengern", 9),
            ("fiktionsbescheinigung", 4),
            ("reiseausweise", 5),
        ],
        "processes": ["gebuehren-kasse"],
        "revisions": [
            {
                "title": "Gebühren nach der AufenthV",
                "body": """## Grundsatz

Vor jeder Zahlungsaufforderung wird der **Gebührentatbestand** bestimmt und mit Norm im Vorgang vermerkt. Erst danach erzeugt die Kasse das Kassenzeichen. Die Gebührenvorschriften stehen in den §§ 44 bis 54 AufenthV.

## Wo steht was?

- Titelgebühren: § 44 AufenthV (Niederlassungserlaubnis), § 44a AufenthV (Daueraufenthalt – EU), § 45 AufenthV (Aufenthaltserlaubnis, Blaue Karte), § 45c AufenthV (Neuausstellung eAT)
- sonstige aufenthaltsrechtliche Amtshandlungen: § 47 AufenthV
- Passersatzpapiere: § 48 AufenthV

## Häufige Beträge

| Amtshandlung | Betrag | Norm |
|---|---|---|
| Erteilung Aufenthaltserlaubnis / Blaue Karte | 100 € | § 45 Nr. 1 AufenthV |
| Verlängerung bis drei Monate / über drei Monate | 96 € / 93 € | § 45 Nr. 2 AufenthV |
| Zweckwechsel einschließlich Verlängerung | 98 € | § 45 Nr. 3 AufenthV |
| Niederlassungserlaubnis (regulär) | 113 € | § 44 AufenthV |
| Erlaubnis zum Daueraufenthalt – EU | 109 € | § 44a AufenthV |
| Neuausstellung eAT | 67 € | § 45c AufenthV |
| Fiktionsbescheinigung | 13 € | § 47 Abs. 1 Nr. 8 AufenthV |
| Duldungsbescheinigung (Klebeetikett / Trägervordruck) | 58 € / 62 € | § 47 Abs. 1 Nr. 5 AufenthV |
| Änderung einer Auflage zum Titel | 50 € | § 47 Abs. 1 Nr. 3 AufenthV |
| Verpflichtungserklärung | 29 € | § 47 Abs. 1 Nr. 12 AufenthV |
| Beschleunigtes Fachkräfteverfahren | 411 € | § 47 Abs. 1 Nr. 15 AufenthV |

## Ermäßigung und Befreiung

Ermäßigungen und Befreiungen kommen vor, etwa bei Minderjährigen oder Leistungsbeziehenden. Sie werden **nur mit konkreter Rechtsgrundlage** gewährt; die Norm wird im Vorgang vermerkt. Im Zweifel Rücksprache mit der Teamleitung.

## Nicht bei uns

Die Einbürgerungsgebühr (255 €, für miteingebürgerte minderjährige Kinder ohne Einkünfte 51 €, § 38 Abs. 2 StAG) setzt die Stelle Staatswesen fest.

## Offene Forderungen

Die Kasse mahnt offene Forderungen an; vollstreckt wird nach dem LVwVG.
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
            {
                "title": "Gebühren nach der AufenthV (Stand 01.05.2025)",
                "body": """## Grundsatz

Vor jeder Zahlungsaufforderung wird der **Gebührentatbestand** bestimmt und mit Norm im Vorgang vermerkt. Erst danach erzeugt die Kasse das Kassenzeichen. Die Gebührenvorschriften stehen in den §§ 44 bis 54 AufenthV.

## Wo steht was?

- Titelgebühren: § 44 AufenthV (Niederlassungserlaubnis), § 44a AufenthV (Daueraufenthalt – EU), § 45 AufenthV (Aufenthaltserlaubnis, Blaue Karte), § 45c AufenthV (Neuausstellung eAT)
- sonstige aufenthaltsrechtliche Amtshandlungen: § 47 AufenthV
- Passersatzpapiere: § 48 AufenthV

## Häufige Beträge

| Amtshandlung | Betrag | Norm |
|---|---|---|
| Erteilung Aufenthaltserlaubnis / Blaue Karte | 100 € | § 45 Nr. 1 AufenthV |
| Verlängerung bis drei Monate / über drei Monate | 96 € / 93 € | § 45 Nr. 2 AufenthV |
| Zweckwechsel einschließlich Verlängerung | 98 € | § 45 Nr. 3 AufenthV |
| Niederlassungserlaubnis (regulär) | 113 € | § 44 AufenthV |
| Erlaubnis zum Daueraufenthalt – EU | 109 € | § 44a AufenthV |
| Neuausstellung eAT | 67 € | § 45c AufenthV |
| Fiktionsbescheinigung | 13 € | § 47 Abs. 1 Nr. 8 AufenthV |
| Duldungsbescheinigung (Klebeetikett / Trägervordruck) | 58 € / 62 € | § 47 Abs. 1 Nr. 5 AufenthV |
| Änderung einer Auflage zum Titel | 50 € | § 47 Abs. 1 Nr. 3 AufenthV |
| Verpflichtungserklärung | 29 € | § 47 Abs. 1 Nr. 12 AufenthV |
| Beschleunigtes Fachkräfteverfahren | 411 € | § 47 Abs. 1 Nr. 15 AufenthV |
| Reiseausweis für Ausländer (ab 24 / unter 24 Jahren) | 100 € / 97 € | § 48 Abs. 1 Nr. 1a/1b AufenthV |
| Reiseausweis für Flüchtlinge, Staatenlose, subsidiär Geschützte (ab 24 / unter 24 Jahren) | 70 € / 38 € | § 48 Abs. 1 Nr. 1c/1d AufenthV |

## Änderung zum 01.05.2025

Die Gebühren für Passersatzpapiere nach § 48 AufenthV wurden zum 01.05.2025 neu gefasst. Die Beträge oben entsprechen dieser Fassung; der vorläufige Reiseausweis für Ausländer kostet 67 € (§ 48 Abs. 1 AufenthV). Ältere Textbausteine und Merkblätter mit abweichenden Beträgen nicht mehr verwenden.

## Ermäßigung und Befreiung

Ermäßigungen und Befreiungen kommen vor, etwa bei Minderjährigen, Leistungsbeziehenden oder Schutzberechtigten. Sie werden **nur mit konkreter Rechtsgrundlage** gewährt; die Norm wird im Vorgang vermerkt. Im Zweifel Rücksprache mit der Teamleitung.

## Nicht bei uns

Die Einbürgerungsgebühr (255 €, für miteingebürgerte minderjährige Kinder ohne Einkünfte 51 €, § 38 Abs. 2 StAG) setzt die Stelle Staatswesen fest.

## Offene Forderungen

Die Kasse mahnt offene Forderungen an; vollstreckt wird nach dem LVwVG.
""",
                "note": "Gebühren für Reiseausweise in der Fassung ab 01.05.2025 ergänzt.",
                "significant": True,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
        ],
    },
    # ------------------------------------------------------------------
    # eAT – two revisions
    # ------------------------------------------------------------------
    {
        "slug": "eat-pin-brief-fingerabdruecke",
        "owner": "redaktion",
        "review_in_days": 90,
        "steps": [
            ("elektronischer-aufenthaltstitel", 1),
            ("elektronischer-aufenthaltstitel", 2),
            ("elektronischer-aufenthaltstitel", 5),
            ("elektronischer-aufenthaltstitel", 7),
            ("elektronischer-aufenthaltstitel", 8),
        ],
        "processes": ["elektronischer-aufenthaltstitel"],
        "revisions": [
            {
                "title": "eAT: Erfassung, PIN-Brief und Aushändigung",
                "body": """## Ablauf auf einen Blick

Der elektronische Aufenthaltstitel (eAT) wird als Chipkarte bei der Bundesdruckerei produziert (§ 78 AufenthG). Die Karte wird an uns geliefert, der PIN-/PUK-Brief geht direkt an die antragstellende Person.

## Erfassung bei der Antragstellung

- Lichtbild prüfen.
- **Fingerabdrücke** ab sechs Jahren und die Unterschrift erfassen (§ 61a AufenthV).
- Erfassungsqualität sicherstellen; maßgeblich sind die BSI-Richtlinien (§ 61b AufenthV). Bei schlechter Qualität die Erfassung sofort wiederholen.
- Antragsdaten elektronisch an die Bundesdruckerei übermitteln.

## Produktion und PIN-Brief

- Produktionsdauer: Erfahrungswert etwa drei bis sechs Wochen (Praxis, keine Frist). Keine festen Abholtermine zusagen.
- Den PIN-/PUK-Brief versendet die Bundesdruckerei an die antragstellende Person. Schon bei der Antragstellung darauf hinweisen, dass der Brief **zur Abholung mitzubringen** ist.

## Aushändigung

- Nach Eingang der Karte die Abholung terminieren bzw. benachrichtigen.
- Aushändigung nur gegen Vorlage von **Pass und PIN-Brief**.
- Bisherigen eAT bzw. Fiktionsbescheinigung einziehen.
- Anschließend die gespeicherten Fingerabdrücke löschen; sie sind spätestens nach Aushändigung zu löschen (§ 61a Abs. 2 AufenthV).
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
            {
                "title": "eAT: Erfassung, PIN-Brief, Aushändigung und Neuausstellung",
                "body": """## Ablauf auf einen Blick

Der elektronische Aufenthaltstitel (eAT) wird als Chipkarte bei der Bundesdruckerei produziert (§ 78 AufenthG). Die Karte wird an uns geliefert, der PIN-/PUK-Brief geht direkt an die antragstellende Person.

## Erfassung bei der Antragstellung

- Lichtbild prüfen.
- **Fingerabdrücke** ab sechs Jahren und die Unterschrift erfassen (§ 61a AufenthV).
- Erfassungsqualität sicherstellen; maßgeblich sind die BSI-Richtlinien (§ 61b AufenthV). Bei schlechter Qualität die Erfassung sofort wiederholen.
- Antragsdaten elektronisch an die Bundesdruckerei übermitteln.

## Produktion und PIN-Brief

- Produktionsdauer: Erfahrungswert etwa drei bis sechs Wochen (Praxis, keine Frist). Keine festen Abholtermine zusagen.
- Den PIN-/PUK-Brief versendet die Bundesdruckerei an die antragstellende Person. Schon bei der Antragstellung darauf hinweisen, dass der Brief **zur Abholung mitzubringen** ist.

## Aushändigung

Mitzubringen sind (Praxis):

- Pass
- PIN-Brief
- bisheriger eAT bzw. Fiktionsbescheinigung
- bei Abholung durch Dritte zusätzlich eine **schriftliche Vollmacht**

Bisherigen eAT bzw. Fiktionsbescheinigung einziehen. Anschließend die gespeicherten Fingerabdrücke löschen; sie sind spätestens nach Aushändigung zu löschen (§ 61a Abs. 2 AufenthV).

## Neuausstellung

Bei einem neuen Pass (z. B. nach Ablauf des alten Passes) oder nach Verlust wird der eAT neu ausgestellt. Gebühr: 67 € (§ 45c AufenthV). Die Erfassung läuft wie bei der Erstausstellung.

Zur Fiktionsbescheinigung bis zur Aushändigung siehe [[fiktionsbescheinigung-varianten]].
""",
                "note": "Abholung durch Dritte und Neuausstellung nach § 45c AufenthV ergänzt.",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Duldung – one revision; holds the one link to a missing article
    # ------------------------------------------------------------------
    {
        "slug": "duldung-grundlagen",
        "owner": "teamleitung",
        "review_in_days": 160,
        "steps": [
            ("duldung", 2),
            ("duldung", 3),
            ("duldung", 4),
            ("duldung", 5),
            ("duldung", 6),
            ("duldung", 7),
            ("duldung", 8),
        ],
        "processes": ["duldung"],
        "revisions": [
            {
                "title": "Duldung: Prüfung, Nebenbestimmungen und Bescheinigung",
                "body": """## Voraussetzung

Eine Duldung kommt nur in Betracht, wenn die Person **vollziehbar ausreisepflichtig** ist (§§ 50, 58 AufenthG) und die Abschiebung aus tatsächlichen oder rechtlichen Gründen unmöglich ist. Dann wird die Abschiebung ausgesetzt (§ 60a Abs. 2 AufenthG).

## Prüfschritte

1. Ausreisepflicht und Vollziehbarkeit feststellen.
2. **Duldungsgrund** konkret benennen und dokumentieren (§ 60a Abs. 2 AufenthG). Ein Vermerk wie „Abschiebung derzeit nicht möglich“ reicht nicht.
3. **Identität und Mitwirkung** prüfen (§ 82 AufenthG). Bei ungeklärter Identität kommt die Duldung für Personen mit ungeklärter Identität in Betracht (§ 60b AufenthG).
4. **Nebenbestimmungen** festlegen: Wohnsitzauflage (§ 61 Abs. 1d AufenthG), räumliche Beschränkung (§ 61 Abs. 1 AufenthG), Erwerbstätigkeit. Ein Erwerbstätigkeitsverbot nach § 60a Abs. 6 AufenthG wird eingetragen.
5. Bescheinigung auf dem amtlichen Vordruck ausstellen (§ 60a Abs. 4 AufenthG; § 58 Nr. 2 AufenthV, Anlage D2a/D2b).

## Gebühren

- Duldungsbescheinigung: 58 € als Klebeetikett, 62 € mit Trägervordruck (§ 47 Abs. 1 Nr. 5 AufenthV)
- Erneuerung: 33 € bzw. 37 € (§ 47 Abs. 1 Nr. 6 AufenthV)
- Befreiung im Einzelfall prüfen, siehe [[gebuehren-aufenthv]]

## Pforzheimer Praxis

Folgeduldungen werden bei Ablauf in der Regel **per Post** verlängert. Eine Vorsprache setzen wir nur an, wenn es einen Anlass gibt, etwa zur Identitätsklärung.

## Rechtsschutz

Widerspruch und Klage gegen eine Wohnsitzauflage nach § 61 Abs. 1d AufenthG haben keine aufschiebende Wirkung (§ 84 Abs. 1 Nr. 1c AufenthG). Zum Verfahren siehe [[widerspruch-rp-karlsruhe]].

## Wiedervorlage

Jede Duldung bekommt eine Wiedervorlage mit zwei Fragen:

- **Ist eine Rückführung inzwischen möglich?** Der Vollzug läuft in Baden-Württemberg zentral über das Regierungspräsidium Karlsruhe. Für Dublin-Fälle: [[rueckfuehrung-dublin]] (Artikel in Vorbereitung).
- **Gibt es eine Bleibeperspektive?** Siehe [[ausbildungs-beschaeftigungsduldung]] und [[chancen-aufenthaltsrecht]] sowie § 25a und § 25b AufenthG.
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Ausbildungs-/Beschäftigungsduldung, § 16g – two revisions
    # ------------------------------------------------------------------
    {
        "slug": "ausbildungs-beschaeftigungsduldung",
        "owner": "teamleitung",
        "review_in_days": 75,
        "steps": [
            ("ausbildungsduldung-beschaeftigungsduldung", 2),
            ("ausbildungsduldung-beschaeftigungsduldung", 3),
            ("ausbildungsduldung-beschaeftigungsduldung", 4),
            ("ausbildungsduldung-beschaeftigungsduldung", 5),
            ("ausbildungsduldung-beschaeftigungsduldung", 7),
            ("ausbildungsduldung-beschaeftigungsduldung", 8),
        ],
        "processes": ["ausbildungsduldung-beschaeftigungsduldung"],
        "revisions": [
            {
                "title": "Ausbildungsduldung, Beschäftigungsduldung und § 16g AufenthG",
                "body": """## Drei Instrumente

Für Ausreisepflichtige in qualifizierter Ausbildung oder nachhaltiger Beschäftigung gibt es drei Wege:

- **Aufenthaltserlaubnis zur Berufsausbildung** nach § 16g AufenthG (seit 01.03.2024)
- **Ausbildungsduldung** nach § 60c AufenthG, die neben § 16g AufenthG bestehen bleibt
- **Beschäftigungsduldung** nach § 60d AufenthG

## Reihenfolge der Prüfung

1. **Vorrangig § 16g AufenthG** prüfen, u. a. Lebensunterhalt und Pass. Bei Antragstellung muss die Person mindestens drei Monate geduldet sein (§ 16g Abs. 2 Nr. 2 AufenthG).
2. Liegen die Voraussetzungen nicht vor: **Ausbildungsduldung** nach § 60c AufenthG.
3. Bei Beschäftigung: **Beschäftigungsduldung** nach § 60d AufenthG.

In allen Fällen Vorduldungszeit und Identitätsklärung prüfen und Ausschlussgründe nach § 60a Abs. 6 AufenthG ausschließen.

## Beschäftigungsduldung seit 27.02.2024

Das Rückführungsverbesserungsgesetz hat die Beschäftigungsduldung erleichtert. Zu prüfen sind u. a.:

- die Wochenarbeitszeit (20 Wochenstunden)
- die Vorbeschäftigung (12 Monate)

Dafür Arbeitsvertrag und Beschäftigungsnachweise für den gesamten Zeitraum anfordern.

## Entscheidung

Die Sachbearbeitung Humanitäres entscheidet unter Beteiligung der Teamleitung und stellt das Dokument aus.
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
            {
                "title": "Ausbildungsduldung, Beschäftigungsduldung und § 16g AufenthG",
                "body": """## Drei Instrumente im Vergleich

| Instrument | Norm | Besonders prüfen |
|---|---|---|
| Aufenthaltserlaubnis zur Berufsausbildung | § 16g AufenthG | Lebensunterhalt, Pass, mindestens drei Monate Duldung bei Antragstellung |
| Ausbildungsduldung | § 60c AufenthG | Vorduldungszeit, Identitätsklärung |
| Beschäftigungsduldung | § 60d AufenthG | Wochenarbeitszeit, Vorbeschäftigung |

§ 16g AufenthG gilt seit dem 01.03.2024. Die Ausbildungsduldung nach § 60c AufenthG bleibt daneben bestehen.

## Reihenfolge der Prüfung

1. **Vorrangig § 16g AufenthG** prüfen (§ 16g Abs. 2 Nr. 2 AufenthG: mindestens drei Monate Duldung bei Antragstellung).
2. Sonst **Ausbildungsduldung** nach § 60c AufenthG.
3. Bei Beschäftigung **Beschäftigungsduldung** nach § 60d AufenthG.

In allen Fällen Vorduldungszeit und Identitätsklärung prüfen und Ausschlussgründe nach § 60a Abs. 6 AufenthG ausschließen.

## Beschäftigungsduldung seit 27.02.2024

Das Rückführungsverbesserungsgesetz hat die Beschäftigungsduldung erleichtert. Zu prüfen sind u. a. die Wochenarbeitszeit (20 Wochenstunden) und die Vorbeschäftigung (12 Monate). Dafür Arbeitsvertrag und Beschäftigungsnachweise für den gesamten Zeitraum anfordern.

## Entscheidung

Die Sachbearbeitung Humanitäres entscheidet unter Beteiligung der Teamleitung und stellt das Dokument aus.

## Wiedervorlage

Bei jeder Erteilung eine Wiedervorlage setzen. Ein **Abbruch der Ausbildung** oder das **Ende der Beschäftigung** führt zur erneuten Prüfung nach § 60c bzw. § 60d AufenthG. Erfahren wir davon, wird der Fall sofort vorgelegt, nicht erst zum Ablaufdatum.

## Nach der Ausbildung

Nach erfolgreichem Ausbildungsabschluss prüft die Sachbearbeitung Erwerbsmigration einen Anschlusstitel nach § 19d AufenthG. Die Akte geht dazu rechtzeitig vor Ausbildungsende an die Erwerbsmigration.

Grundlagen zur Duldung: [[duldung-grundlagen]].
""",
                "note": "Vergleichstabelle, Wiedervorlage und Anschlusstitel nach § 19d AufenthG ergänzt.",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Chancen-Aufenthaltsrecht – two revisions, second significant
    # ------------------------------------------------------------------
    {
        "slug": "chancen-aufenthaltsrecht",
        "owner": "redaktion",
        "review_in_days": 5,
        "steps": [
            ("bleiberecht-chancen-aufenthaltsrecht", 1),
            ("bleiberecht-chancen-aufenthaltsrecht", 4),
            ("bleiberecht-chancen-aufenthaltsrecht", 6),
            ("bleiberecht-chancen-aufenthaltsrecht", 7),
            ("bleiberecht-chancen-aufenthaltsrecht", 9),
        ],
        "processes": ["bleiberecht-chancen-aufenthaltsrecht"],
        "revisions": [
            {
                "title": "Chancen-Aufenthaltsrecht (§ 104c AufenthG)",
                "body": """## Zweck

Das Chancen-Aufenthaltsrecht ist eine **Brücke**: Langjährig Geduldete erhalten für 18 Monate eine Aufenthaltserlaubnis, um in dieser Zeit die Voraussetzungen eines Bleiberechts nach § 25a oder § 25b AufenthG zu erfüllen. Eingeführt wurde es durch das Gesetz zur Einführung eines Chancen-Aufenthaltsrechts, in Kraft seit dem 31.12.2022.

## Voraussetzungen im Überblick

- **Stichtag**: 31.10.2022
- **Voraufenthalt**: fünf Jahre, bezogen auf den Stichtag; anrechenbar sind Zeiten mit Duldung, Gestattung oder Aufenthaltstitel
- **keine Ausschlussgründe** nach § 104c Abs. 1 AufenthG, insbesondere keine Täuschung über die Identität und keine Straftaten

## Ablauf

1. Potenziell begünstigte Fälle aus dem Duldungsbestand ermitteln (Auswertung durch die Zentralen Dienste) und die Betroffenen anschreiben oder beraten.
2. Nachweise entgegennehmen (Schulbesuch, Sprachnachweis, Einkommen) und die Voraufenthaltszeiten berechnen.
3. Ausschlussgründe prüfen.
4. Entscheidung nur mit **Freigabe der Teamleitung**.
5. eAT bestellen und die Gebühr erheben (§ 45 AufenthV), siehe [[gebuehren-aufenthv]].

## Geltungsdauer

Die Aufenthaltserlaubnis wird für 18 Monate erteilt und ist **nicht verlängerbar** (§ 104c Abs. 3 Satz 3 AufenthG).
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
            {
                "title": "Chancen-Aufenthaltsrecht (§ 104c AufenthG) und Übergang in § 25a/§ 25b",
                "body": """## Zweck

Das Chancen-Aufenthaltsrecht ist eine **Brücke**: Langjährig Geduldete erhalten für 18 Monate eine Aufenthaltserlaubnis, um in dieser Zeit die Voraussetzungen eines Bleiberechts nach § 25a oder § 25b AufenthG zu erfüllen. Eingeführt wurde es durch das Gesetz zur Einführung eines Chancen-Aufenthaltsrechts, in Kraft seit dem 31.12.2022.

## Übergangsregelung – vor jeder Beratung prüfen

§ 104c AufenthG gilt seit dem 31.12.2022 **übergangsweise für drei Jahre**. Das genaue Ende der Antragsmöglichkeit ist für dieses Wiki nicht bestätigt. Vor jeder Beratung und jedem Anschreiben deshalb am aktuellen Gesetzesstand prüfen, ob ein Antrag noch möglich ist, und das Ergebnis im Vermerk festhalten.

## Voraussetzungen im Überblick

- **Stichtag**: 31.10.2022
- **Voraufenthalt**: fünf Jahre, bezogen auf den Stichtag; anrechenbar sind Zeiten mit Duldung, Gestattung oder Aufenthaltstitel
- **keine Ausschlussgründe** nach § 104c Abs. 1 AufenthG, insbesondere keine Täuschung über die Identität und keine Straftaten

## Ablauf

1. Begünstigte Fälle aus dem Duldungsbestand ermitteln und die Betroffenen anschreiben oder beraten.
2. Nachweise entgegennehmen und die Voraufenthaltszeiten berechnen.
3. Ausschlussgründe prüfen.
4. Entscheidung nur mit **Freigabe der Teamleitung**.
5. eAT bestellen und die Gebühr erheben (§ 45 AufenthV).

## Geltungsdauer und Übergang

Die Aufenthaltserlaubnis gilt 18 Monate und ist **nicht verlängerbar** (§ 104c Abs. 3 Satz 3 AufenthG). Deshalb wird bei Erteilung eine Wiedervorlage **deutlich vor Ablauf** gesetzt. Dann prüfen:

- **§ 25a AufenthG** für Jugendliche und junge Volljährige; der Antrag ist vom 14. bis zum 27. Lebensjahr möglich.
- **§ 25b AufenthG** bei nachhaltiger Integration, u. a. mit hinreichenden mündlichen Deutschkenntnissen (A2). Die Anwendungshinweise des Justizministeriums Baden-Württemberg vom 02.08.2022 sind zu beachten.

Die Person frühzeitig darauf hinweisen, welche Nachweise für den Anschlusstitel fehlen. Zur Duldung allgemein siehe [[duldung-grundlagen]].
""",
                "note": "Befristete Übergangsregelung und Übergang in § 25a/§ 25b AufenthG präzisiert.",
                "significant": True,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Chancenkarte – one revision
    # ------------------------------------------------------------------
    {
        "slug": "chancenkarte",
        "owner": "teamleitung",
        "review_in_days": 300,
        "steps": [
            ("chancenkarte", 1),
            ("chancenkarte", 3),
            ("chancenkarte", 5),
            ("chancenkarte", 6),
        ],
        "processes": ["chancenkarte"],
        "revisions": [
            {
                "title": "Chancenkarte (§ 20a AufenthG) und Folge-Chancenkarte",
                "body": """## Rechtslage

Die Chancenkarte gibt es seit dem 01.06.2024 (dritte Stufe der Fachkräfteeinwanderung). Sie dient der **Arbeitsplatzsuche bis zu einem Jahr**; ob jemand sie erhält, richtet sich nach einem **Punktesystem** (§ 20a AufenthG). Die Folge-Chancenkarte ist in § 20b AufenthG geregelt.

## Unsere Rolle beim Visum

Die Zustimmung der Ausländerbehörde zum Chancenkarten-Visum ist nur in **Sonderfällen** erforderlich: bei einem Voraufenthalt mit Duldung oder Gestattung oder nach aufenthaltsbeendenden Maßnahmen (§ 31 Abs. 1 Nr. 2 Buchst. c AufenthV). In diesen Fällen die Vorakte beiziehen und den früheren Aufenthaltsverlauf im Vermerk würdigen.

## Nach der Einreise

1. Vorsprache nach Einreise und Wohnsitzanmeldung.
2. Lebensunterhalt prüfen und die erlaubte **Nebenbeschäftigung** eintragen; Umfang nach § 20a AufenthG in der aktuellen Fassung.
3. Aufenthaltserlaubnis als eAT ausstellen, siehe [[eat-pin-brief-fingerabdruecke]].

## Arbeitsplatz gefunden?

Dann wird der Wechsel in einen Fachkräftetitel geprüft: § 18a, § 18b, § 18g oder § 19c AufenthG. Für die Blaue Karte siehe [[blaue-karte-eu]], zur Beteiligung der Bundesagentur für Arbeit [[ba-beteiligung]].

## Kein Arbeitsplatz?

Andernfalls die Voraussetzungen einer Folge-Chancenkarte nach § 20b AufenthG prüfen. Ohne Anschlussperspektive rechtzeitig vor Ablauf beraten.

## Verwandte Änderung

Mit derselben Stufe wurde das Kontingent der Westbalkanregelung (§ 26 Abs. 2 BeschV) von 25.000 auf 50.000 erhöht.
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Familiennachzug – two revisions, second significant (§ 104 Abs. 14)
    # ------------------------------------------------------------------
    {
        "slug": "familiennachzug-visumzustimmung",
        "owner": "teamleitung",
        "review_in_days": 20,
        "steps": [
            ("visumzustimmung-familiennachzug", 2),
            ("visumzustimmung-familiennachzug", 3),
            ("visumzustimmung-familiennachzug", 4),
            ("visumzustimmung-familiennachzug", 5),
            ("visumzustimmung-familiennachzug", 7),
            ("aufenthaltserlaubnis-familiennachzug", 6),
        ],
        "processes": ["visumzustimmung-familiennachzug", "aufenthaltserlaubnis-familiennachzug"],
        "revisions": [
            {
                "title": "Familiennachzug: Zustimmung zum Visum",
                "body": """## Wann wir beteiligt sind

Bei Visa für einen Aufenthalt von mehr als 90 Tagen holt die Auslandsvertretung die Zustimmung der Ausländerbehörde ein (§ 31 Abs. 1 AufenthV). Wir prüfen die **Inlandsvoraussetzungen** bei der stammberechtigten Person. Die Sicherheitsbeteiligung im Visumverfahren richtet sich nach § 73 Abs. 1 AufenthG.

## Prüfpunkte

1. **Aufenthaltsstatus** der stammberechtigten Person (§ 29 AufenthG).
2. **Wohnraum und Lebensunterhalt** bei der stammberechtigten Person anfordern und prüfen (§§ 5, 29 AufenthG). Einkommensgrenzen ändern sich regelmäßig: immer die aktuellen Werte verwenden, keine Beträge aus alten Vermerken übernehmen.
3. **Besonderheiten**: Nachzug zu Deutschen (§ 28 AufenthG), Mindestalter und Sprachnachweis beim Ehegattennachzug (§ 30 AufenthG), Kindernachzug (§ 32 AufenthG).
4. **Ausweisungsinteressen** und Anhaltspunkte für eine Scheinehe (§ 27 AufenthG).
5. Zustimmung erteilen oder versagen und an die Auslandsvertretung übermitteln. Eine **Versagung** nur mit Freigabe der Teamleitung.

## Typische Unterlagen der stammberechtigten Person

- Mietvertrag mit Angabe der Wohnungsgröße
- Einkommensnachweise
- Aufenthaltstitel und Pass
- Heirats- bzw. Geburtsurkunden mit Legalisation oder Apostille und Übersetzung

## Nach der Einreise

Die Aufenthaltserlaubnis zum Familiennachzug berechtigt zur Erwerbstätigkeit (§ 27 Abs. 5 AufenthG). Integrationskurs-Berechtigung bzw. -Verpflichtung feststellen (§§ 44, 44a AufenthG). Gebühr für die Erteilung: 100 € (§ 45 Nr. 1 AufenthV).
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
            {
                "title": "Familiennachzug: Visumzustimmung und Aussetzung bei subsidiär Schutzberechtigten",
                "body": """## Wann wir beteiligt sind

Bei Visa für einen Aufenthalt von mehr als 90 Tagen holt die Auslandsvertretung die Zustimmung der Ausländerbehörde ein (§ 31 Abs. 1 AufenthV). Wir prüfen die **Inlandsvoraussetzungen** bei der stammberechtigten Person. Die Sicherheitsbeteiligung im Visumverfahren richtet sich nach § 73 Abs. 1 AufenthG.

## Aussetzung für subsidiär Schutzberechtigte (seit 24.07.2025)

Durch das Gesetz zur Aussetzung des Familiennachzugs zu subsidiär Schutzberechtigten vom 17.07.2025 (BGBl. 2025 I Nr. 173) gilt seit dem 24.07.2025:

- Bis zum Ablauf des 23.07.2027 findet **kein Familiennachzug nach § 36a AufenthG** zu subsidiär Schutzberechtigten statt (§ 104 Abs. 14 AufenthG).
- Aufnahmen nach §§ 22, 23 AufenthG bleiben unberührt (Härtefälle). Solche Fälle bearbeitet die Sachbearbeitung Humanitäres.
- Betroffene Vorgänge erhalten eine Wiedervorlage zum 23.07.2027.

## Prüfpunkte

1. **Aufenthaltsstatus** der stammberechtigten Person (§ 29 AufenthG) – bei Schutzberechtigten zuerst klären, ob subsidiärer Schutz vorliegt.
2. Bei subsidiär Schutzberechtigten: Aussetzung nach § 104 Abs. 14 AufenthG bzw. Härtefallweg prüfen.
3. **Wohnraum und Lebensunterhalt** anfordern und prüfen (§§ 5, 29 AufenthG). Einkommensgrenzen ändern sich regelmäßig: immer die aktuellen Werte verwenden.
4. **Besonderheiten**: Nachzug zu Deutschen (§ 28 AufenthG), Mindestalter und Sprachnachweis beim Ehegattennachzug (§ 30 AufenthG), Kindernachzug (§ 32 AufenthG).
5. **Ausweisungsinteressen** und Anhaltspunkte für eine Scheinehe (§ 27 AufenthG).
6. Zustimmung erteilen oder versagen und an die Auslandsvertretung übermitteln. Eine **Versagung** nur mit Freigabe der Teamleitung.

## Typische Unterlagen der stammberechtigten Person

Mietvertrag mit Wohnungsgröße, Einkommensnachweise, Aufenthaltstitel und Pass, Heirats- bzw. Geburtsurkunden mit Legalisation oder Apostille und Übersetzung.

## Nach der Einreise

Die Aufenthaltserlaubnis zum Familiennachzug berechtigt zur Erwerbstätigkeit (§ 27 Abs. 5 AufenthG). Integrationskurs-Berechtigung bzw. -Verpflichtung feststellen (§§ 44, 44a AufenthG). Gebühr für die Erteilung: 100 € (§ 45 Nr. 1 AufenthV). Zur Sicherheitsabfrage bei späteren Verlängerungen siehe [[sicherheitsabfrage-73]].
""",
                "note": "Aussetzung des Familiennachzugs zu subsidiär Schutzberechtigten (§ 104 Abs. 14 AufenthG) eingearbeitet.",
                "significant": True,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Einbürgerung (interface) – three revisions
    # ------------------------------------------------------------------
    {
        "slug": "einbuergerung-schnittstelle",
        "owner": "redaktion",
        "review_in_days": -25,
        "steps": [
            ("anspruchseinbuergerung", 3),
            ("anspruchseinbuergerung", 9),
        ],
        "processes": ["anspruchseinbuergerung"],
        "revisions": [
            {
                "title": "Einbürgerung: Schnittstelle zur Stelle Staatswesen",
                "body": """## Zuständigkeit

Einbürgerung ist Staatsangehörigkeitsrecht (StAG), kein Ausländerrecht. In Pforzheim bearbeitet sie die eigene Kontaktstelle **„Staatswesen“**. Höhere Staatsangehörigkeitsbehörde und Widerspruchsbehörde ist das Regierungspräsidium. Fragen zur Einbürgerung verweisen wir deshalb an die Stelle Staatswesen.

## Unsere Rolle

Die Ausländerbehörde ist **Zulieferer** und **Abnehmer**:

- **Zulieferer**: Auf Anforderung übersenden wir die Ausländerakte bzw. eine Auskunft, vor allem zu Aufenthaltszeiten und Titeln.
- **Abnehmer**: Nach der Einbürgerung schließen wir die Ausländerakte, ziehen den eAT ein und veranlassen die AZR-Löschung.

Die Einbürgerung wird mit Aushändigung der Urkunde wirksam (§ 16 StAG). Maßgeblich für den Aktenabschluss ist also die Mitteilung der Stelle Staatswesen über die Aushändigung.

## Rechtslage seit 27.06.2024

Mit dem Gesetz zur Modernisierung des Staatsangehörigkeitsrechts gilt:

- Anspruchseinbürgerung nach **fünf** statt acht Jahren (§ 10 StAG)
- Einbürgerung nach drei Jahren („Turbo-Einbürgerung“, § 10 Abs. 3 StAG)
- Mehrstaatigkeit wird generell hingenommen; die Beibehaltungsgenehmigung entfällt (§ 12 StAG weggefallen)
- die Optionspflicht entfällt
- strengere Anforderungen an den Lebensunterhalt
- Einbürgerungsfeier (§ 16 Satz 3 StAG)

## Gebühr (nur zur Auskunft)

255 €, für miteingebürgerte minderjährige Kinder ohne Einkünfte 51 € (§ 38 Abs. 2 StAG).
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
            {
                "title": "Einbürgerung: Schnittstelle zur Stelle Staatswesen",
                "body": """## Zuständigkeit

Einbürgerung ist Staatsangehörigkeitsrecht (StAG), kein Ausländerrecht. In Pforzheim bearbeitet sie die eigene Kontaktstelle **„Staatswesen“**. Höhere Staatsangehörigkeitsbehörde und Widerspruchsbehörde ist das Regierungspräsidium. Fragen zur Einbürgerung verweisen wir deshalb an die Stelle Staatswesen.

## Unsere Rolle

Die Ausländerbehörde ist **Zulieferer** und **Abnehmer**:

- **Zulieferer**: Auf Anforderung übersenden wir die Ausländerakte bzw. eine Auskunft, vor allem zu Aufenthaltszeiten und Titeln.
- **Abnehmer**: Nach der Einbürgerung schließen wir die Ausländerakte, ziehen den eAT ein und veranlassen die AZR-Löschung.

Die Einbürgerung wird mit Aushändigung der Urkunde wirksam (§ 16 StAG). Maßgeblich für den Aktenabschluss ist also die Mitteilung der Stelle Staatswesen über die Aushändigung.

## Rechtslage (Stand 30.10.2025)

**Seit 27.06.2024** (Gesetz zur Modernisierung des Staatsangehörigkeitsrechts):

- Anspruchseinbürgerung nach **fünf** statt acht Jahren (§ 10 StAG)
- Mehrstaatigkeit wird generell hingenommen; die Beibehaltungsgenehmigung entfällt (§ 12 StAG weggefallen)
- die Optionspflicht entfällt
- strengere Anforderungen an den Lebensunterhalt
- Einbürgerungsfeier (§ 16 Satz 3 StAG)

**Seit 30.10.2025** (Gesetz vom 27.10.2025, BGBl. 2025 I Nr. 256):

- Die Einbürgerung nach drei Jahren („Turbo-Einbürgerung“, § 10 Abs. 3 StAG) ist **gestrichen**.
- Folgeänderung in § 44a Abs. 3 AufenthG.

## Was das für uns heißt

- Textbausteine und Merkblätter mit Hinweis auf eine Einbürgerung nach drei Jahren sind deaktiviert.
- In Beratungsgesprächen keine Aussagen mehr zur Einbürgerung nach drei Jahren.

## Gebühr (nur zur Auskunft)

255 €, für miteingebürgerte minderjährige Kinder ohne Einkünfte 51 € (§ 38 Abs. 2 StAG).
""",
                "note": "Streichung von § 10 Abs. 3 StAG zum 30.10.2025 eingearbeitet.",
                "significant": True,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
            {
                "title": "Einbürgerung: Schnittstelle zur Stelle Staatswesen",
                "body": """## Zuständigkeit

Einbürgerung ist Staatsangehörigkeitsrecht (StAG), kein Ausländerrecht. In Pforzheim bearbeitet sie die eigene Kontaktstelle **„Staatswesen“**. Höhere Staatsangehörigkeitsbehörde und Widerspruchsbehörde ist das Regierungspräsidium. Fragen zur Einbürgerung verweisen wir deshalb an die Stelle Staatswesen.

## Unsere Rolle

Die Ausländerbehörde ist **Zulieferer** und **Abnehmer**:

- **Zulieferer**: Auf Anforderung übersenden wir die Ausländerakte bzw. eine Auskunft, vor allem zu Aufenthaltszeiten und Titeln. Anforderungen der Stelle Staatswesen werden vorrangig bearbeitet, weil dort sonst das Verfahren steht.
- **Abnehmer**: Nach der Einbürgerung schließen wir die Ausländerakte, ziehen den eAT ein und veranlassen die AZR-Löschung.

Die Einbürgerung wird mit Aushändigung der Urkunde wirksam (§ 16 StAG). Maßgeblich für den Aktenabschluss ist also die Mitteilung der Stelle Staatswesen über die Aushändigung.

Die Sicherheitsanfrage im Einbürgerungsverfahren stellt die Stelle Staatswesen nach § 37 StAG; das ist ein eigenes Verfahren, getrennt von unserer Abfrage nach § 73 Abs. 2 AufenthG, siehe [[sicherheitsabfrage-73]].

## Rechtslage (Stand 30.10.2025)

**Seit 27.06.2024** (Gesetz zur Modernisierung des Staatsangehörigkeitsrechts): Einbürgerung nach **fünf** statt acht Jahren (§ 10 StAG); Mehrstaatigkeit wird generell hingenommen (§ 12 StAG weggefallen); die Optionspflicht entfällt; strengere Anforderungen an den Lebensunterhalt; Einbürgerungsfeier (§ 16 Satz 3 StAG).

**Seit 30.10.2025** (Gesetz vom 27.10.2025, BGBl. 2025 I Nr. 256): Die Einbürgerung nach drei Jahren (§ 10 Abs. 3 StAG) ist **gestrichen**; Folgeänderung in § 44a Abs. 3 AufenthG. Eine Übergangsregelung für laufende Verfahren gibt es nicht (so VG Trier, 03.12.2025).

## Was das für uns heißt

- Textbausteine und Merkblätter mit Hinweis auf eine Einbürgerung nach drei Jahren sind deaktiviert.
- Fragen zu laufenden Anträgen auf Einbürgerung nach drei Jahren beantwortet ausschließlich die Stelle Staatswesen; wir geben keine Einschätzung zu Erfolgsaussichten ab.

## Gebühr (nur zur Auskunft)

255 €, für miteingebürgerte minderjährige Kinder ohne Einkünfte 51 € (§ 38 Abs. 2 StAG).
""",
                "note": "Hinweis auf fehlende Übergangsregelung und Abgrenzung der Sicherheitsanfrage ergänzt.",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Freizügigkeit – one revision
    # ------------------------------------------------------------------
    {
        "slug": "freizuegigkeit-aufenthaltskarte",
        "owner": "redaktion",
        "review_in_days": 240,
        "steps": [
            ("aufenthaltskarte", 1),
            ("aufenthaltskarte", 2),
            ("aufenthaltskarte", 6),
            ("aufenthaltskarte", 7),
            ("verlustfeststellung-freizuegigkeit", 3),
            ("verlustfeststellung-freizuegigkeit", 5),
            ("verlustfeststellung-freizuegigkeit", 6),
        ],
        "processes": ["aufenthaltskarte", "verlustfeststellung-freizuegigkeit"],
        "revisions": [
            {
                "title": "Freizügigkeit: Aufenthaltskarte und Verlustfeststellung",
                "body": """## Rechtsrahmen

Für Unionsbürger und ihre Familienangehörigen gilt das FreizügG/EU, das die Richtlinie 2004/38/EG umsetzt. Wir erteilen hier keinen Aufenthaltstitel, sondern **bescheinigen** das bestehende Aufenthaltsrecht.

## Aufenthaltskarte für drittstaatsangehörige Familienangehörige

1. Angaben und Nachweise entgegennehmen: Pass, Nachweis der Familienbeziehung, Freizügigkeitsgrund des Unionsbürgers (§ 5a FreizügG/EU).
2. **Unverzüglich** eine Bescheinigung über die gemachten Angaben ausstellen (§ 5 Abs. 1 Satz 2 FreizügG/EU).
3. Freizügigkeitsgrund des Unionsbürgers prüfen – Arbeitnehmer, Selbständige oder Nichterwerbstätige (§§ 2, 4 FreizügG/EU) – und die Familienangehörigeneigenschaft (§ 3 FreizügG/EU).
4. Biometrie erfassen und die Aufenthaltskarte im eAT-Format bestellen.
5. Die Aufenthaltskarte ist **innerhalb von sechs Monaten** auszustellen und gilt fünf Jahre (§ 5 Abs. 1 FreizügG/EU).

Die Gebühr ist hier bewusst nicht angegeben; den Tatbestand in der aktuellen Fassung der AufenthV prüfen.

## Daueraufenthalt

Nach fünf Jahren wird das Daueraufenthaltsrecht geprüft (§ 4a FreizügG/EU). Familienangehörige erhalten die Daueraufenthaltskarte binnen sechs Monaten, Unionsbürger die Bescheinigung unverzüglich (§ 5 Abs. 5 FreizügG/EU).

## Verlustfeststellung

Aus besonderem Anlass, etwa nach Mitteilung eines Leistungsträgers oder wegen eines Strafverfahrens, können die Voraussetzungen überprüft werden (§ 5 Abs. 3 FreizügG/EU).

- Zuerst ausschließen, dass bereits ein Daueraufenthaltsrecht besteht (§ 4a FreizügG/EU).
- Anhörung durchführen.
- Verlust feststellen nach § 5 Abs. 4 FreizügG/EU oder aus Gründen der öffentlichen Ordnung, Sicherheit oder Gesundheit nach § 6 FreizügG/EU; bei Rechtsmissbrauch oder Betrug § 2 Abs. 7 FreizügG/EU. **Freigabe durch die Teamleitung.**
- Abschiebung androhen und eine Ausreisefrist setzen, die außer in dringenden Fällen mindestens einen Monat beträgt (§ 7 Abs. 1 FreizügG/EU).
- Aufenthaltskarte einziehen, AZR und Meldebehörde informieren.

Zur Vorlage an das Regierungspräsidium bei Widerspruch siehe [[widerspruch-rp-karlsruhe]].
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Ukraine § 24 – two revisions, second significant
    # ------------------------------------------------------------------
    {
        "slug": "ukraine-voruebergehender-schutz",
        "owner": "teamleitung",
        "review_in_days": 60,
        "steps": [
            ("voruebergehender-schutz-ukraine", 2),
            ("voruebergehender-schutz-ukraine", 5),
            ("voruebergehender-schutz-ukraine", 6),
            ("voruebergehender-schutz-ukraine", 7),
        ],
        "processes": ["voruebergehender-schutz-ukraine"],
        "revisions": [
            {
                "title": "Vorübergehender Schutz für Geflüchtete aus der Ukraine (§ 24 AufenthG)",
                "body": """## Grundlagen

Kriegsvertriebene aus der Ukraine erhalten eine Aufenthaltserlaubnis nach § 24 AufenthG für die Dauer des EU-weit beschlossenen vorübergehenden Schutzes (Richtlinie 2001/55/EG). Der Zuzug aus der Ukraine hat in Pforzheim seit 2022 zu einem starken Fallanstieg geführt.

## Berechtigtenkreis (§ 24 Abs. 1 AufenthG)

- ukrainische Staatsangehörige
- Drittstaatsangehörige nur mit Schutzstatus oder unbefristetem Titel in der Ukraine
- Familienangehörige

Bei Drittstaatsangehörigen die Nachweise zum früheren Status in der Ukraine sorgfältig prüfen und im Vermerk festhalten.

## Fortgeltung per Verordnung

Nach der Ukraine-Aufenthaltserlaubnis-Fortgeltungsverordnung gelten Aufenthaltserlaubnisse nach § 24 AufenthG **ohne Antrag** fort – zunächst bis 04.03.2025, nach der Verlängerung bis **04.03.2026**.

- Ukrainische Staatsangehörige: Die AZR-Anpassung erfolgt automatisch.
- Drittstaatsangehörige: manuelle Prüfung durch die Sachbearbeitung Humanitäres.

## Nicht mehr Berechtigte

Wer die Voraussetzungen nicht mehr erfüllt, wird angeschrieben. Zuerst eine Anschlussperspektive prüfen, sonst die Ausreisepflicht (§ 50 AufenthG).

## Übergang in andere Titel

Wer arbeitet oder eine Ausbildung macht, wird zum Wechsel beraten, etwa in einen Titel nach § 18a, § 18b oder § 16a AufenthG. Die Beratung übernimmt die Sachbearbeitung Erwerbsmigration.
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
            {
                "title": "Vorübergehender Schutz für Geflüchtete aus der Ukraine (§ 24 AufenthG)",
                "body": """## Grundlagen

Kriegsvertriebene aus der Ukraine erhalten eine Aufenthaltserlaubnis nach § 24 AufenthG für die Dauer des EU-weit beschlossenen vorübergehenden Schutzes (Richtlinie 2001/55/EG). Der Zuzug aus der Ukraine hat in Pforzheim seit 2022 zu einem starken Fallanstieg geführt.

## Berechtigtenkreis (§ 24 Abs. 1 AufenthG)

- ukrainische Staatsangehörige
- Drittstaatsangehörige nur mit Schutzstatus oder unbefristetem Titel in der Ukraine
- Familienangehörige

Bei Drittstaatsangehörigen die Nachweise zum früheren Status in der Ukraine sorgfältig prüfen und im Vermerk festhalten.

## Fortgeltung per Verordnung – jetzt bis 04.03.2027

Nach der Ukraine-Aufenthaltserlaubnis-Fortgeltungsverordnung gelten Aufenthaltserlaubnisse nach § 24 AufenthG **ohne Antrag** fort. Die Fortgeltung wurde schrittweise verlängert: zunächst bis 04.03.2025, dann bis 04.03.2026 und mit der im Oktober 2025 verkündeten Verlängerung bis **04.03.2027**.

- Ukrainische Staatsangehörige: Die AZR-Anpassung erfolgt automatisch.
- Drittstaatsangehörige: manuelle Prüfung durch die Sachbearbeitung Humanitäres.
- Wiedervorlagen, die noch auf den 04.03.2026 gesetzt sind, auf den neuen Stichtag umstellen.
- Anfragen zum aufgedruckten Ablaufdatum im Servicecenter mit Hinweis auf die Fortgeltung beantworten.

## Nicht mehr Berechtigte

Wer die Voraussetzungen nicht mehr erfüllt, wird angeschrieben. Zuerst eine Anschlussperspektive prüfen, sonst die Ausreisepflicht (§ 50 AufenthG).

## Übergang in andere Titel

Wer arbeitet oder eine Ausbildung macht, wird zum Wechsel beraten, etwa in einen Titel nach § 18a, § 18b oder § 16a AufenthG. Die Beratung übernimmt die Sachbearbeitung Erwerbsmigration, siehe auch [[blaue-karte-eu]].
""",
                "note": "Fortgeltung bis 04.03.2027 nach der im Oktober 2025 verkündeten Verordnung aktualisiert.",
                "significant": True,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Sicherheitsabfrage § 73 Abs. 2 AufenthG – one revision
    # ------------------------------------------------------------------
    {
        "slug": "sicherheitsabfrage-73",
        "owner": "teamleitung",
        "review_in_days": 180,
        "steps": [
            ("aufenthaltserlaubnis-verlaengern", 6),
            ("niederlassungserlaubnis", 6),
            ("aufenthaltserlaubnis-schutzgewaehrung", 4),
            ("azr-sicherheitsabfragen", 3),
        ],
        "processes": ["azr-sicherheitsabfragen"],
        "revisions": [
            {
                "title": "Sicherheitsabfrage nach § 73 Abs. 2 AufenthG",
                "body": """## Worum es geht

§ 73 Abs. 2 AufenthG regelt die Sicherheitsanfrage der Ausländerbehörde vor der Erteilung oder Verlängerung eines Aufenthaltstitels. Die Anfrage wird technisch über das Bundesverwaltungsamt an die Sicherheitsbehörden weitergeleitet (Verwaltungsvorschrift zu § 73 AufenthG).

## Wo sie in unseren Prozessen vorkommt

- Aufenthaltserlaubnis verlängern: anlassbezogene Sicherheitsabfrage (Schritt 6)
- Niederlassungserlaubnis bzw. Daueraufenthalt – EU: Schritt 6
- Aufenthaltserlaubnis nach Schutzgewährung: Schritt 4
- AZR-Pflege und Sicherheitsabfragen: Die Zentralen Dienste lösen die Anfragen aus und leiten die Rückmeldungen an die Sachbearbeitung weiter (Schritt 3)

## Abgrenzung

- **Visumverfahren**: Hier gilt die Sicherheitsbeteiligung nach § 73 Abs. 1 AufenthG, etwa beim Familiennachzug ([[familiennachzug-visumzustimmung]]).
- **Einbürgerung**: Die Stelle Staatswesen stellt eine eigene Sicherheitsanfrage nach § 37 StAG ([[einbuergerung-schnittstelle]]).

## Arbeitsweise

1. Die Sachbearbeitung stößt die Abfrage im dafür vorgesehenen Prozessschritt an.
2. Die Zentralen Dienste lösen die Abfrage aus und leiten die Rückmeldung zu.
3. Die Rückmeldung wird in der Akte dokumentiert. Erkenntnisse fließen in die Prüfung der allgemeinen Erteilungsvoraussetzungen ein, insbesondere des Ausweisungsinteresses (§ 5 AufenthG).
4. Bei Erkenntnissen Rücksprache mit der Teamleitung, bevor entschieden wird.
5. Nach der Entscheidung das AZR aktualisieren.

## Wenn es länger dauert

Kann über einen Verlängerungsantrag bis zum Ablauf des Titels nicht entschieden werden, wird eine Fiktionsbescheinigung ausgestellt, siehe [[fiktionsbescheinigung-varianten]].
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Widerspruchsverfahren – one revision
    # ------------------------------------------------------------------
    {
        "slug": "widerspruch-rp-karlsruhe",
        "owner": "redaktion",
        "review_in_days": 330,
        "steps": [
            ("widerspruch-klage", 1),
            ("widerspruch-klage", 2),
            ("widerspruch-klage", 3),
            ("widerspruch-klage", 4),
            ("widerspruch-klage", 6),
        ],
        "processes": ["widerspruch-klage"],
        "revisions": [
            {
                "title": "Widerspruchsverfahren: Abhilfe und Vorlage an das RP Karlsruhe",
                "body": """## Zuständigkeiten

Widerspruchsbehörde für Entscheidungen der Ausländerbehörde ist das **Regierungspräsidium Karlsruhe** als höhere Ausländerbehörde. Bei uns bearbeitet die Rechtsstelle Widersprüche und Gerichtsverfahren. Das Vorverfahren richtet sich nach §§ 68 ff. VwGO.

## Ablauf

1. **Erfassen und Frist prüfen.** Eingangsdatum des Widerspruchs und Zustellungsdatum des Bescheids festhalten.
2. **Abhilfe prüfen.** Die Rechtsstelle bespricht den Fall mit der Sachbearbeitung. Ist der Widerspruch begründet, wird abgeholfen.
3. **Nichtabhilfe.** Die Akte geht mit Stellungnahme an das RP Karlsruhe. Die Stellungnahme fasst Sachverhalt und Entscheidungsgründe zusammen und setzt sich mit der Widerspruchsbegründung auseinander.
4. **Umsetzen.** Nach Widerspruchsbescheid oder Urteil wird die Entscheidung umgesetzt: Titel erteilen oder Vollzug fortsetzen.

## Keine aufschiebende Wirkung

In bestimmten Fällen haben Widerspruch und Klage keine aufschiebende Wirkung (§ 84 Abs. 1 AufenthG). Beispiele aus unserem Katalog:

- Ablehnung eines Verlängerungsantrags (§ 84 Abs. 1 Nr. 1 AufenthG)
- Wohnsitzauflage nach § 61 Abs. 1d AufenthG (§ 84 Abs. 1 Nr. 1c AufenthG)
- seit 27.02.2024 (Rückführungsverbesserungsgesetz) auch Einreise- und Aufenthaltsverbote; Wohnsitzauflagen sind sofort vollziehbar

## Eilverfahren

Beantragt die Person vorläufigen Rechtsschutz beim Verwaltungsgericht (§ 80 Abs. 5 VwGO oder § 123 VwGO), fertigt die Rechtsstelle die Stellungnahme. Die Sachbearbeitung liefert Akte und aktuellen Sachstand sofort zu. Vollzugsmaßnahmen während eines laufenden Eilverfahrens nur nach Rücksprache mit der Rechtsstelle.

## Einbürgerungssachen

Auch hier ist das Regierungspräsidium Widerspruchsbehörde; die Bearbeitung liegt aber bei der Stelle Staatswesen, nicht bei uns ([[einbuergerung-schnittstelle]]).

## Auswertung

Ergebnisse von Widerspruchs- und Gerichtsverfahren werden an das Qualitäts- und Prozessmanagement zurückgespielt. Wiederkehrende Aufhebungsgründe führen zur Überarbeitung von Textbausteinen und Wiki-Artikeln.
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Servicecenter practice – three revisions, the last one a pending draft
    # ------------------------------------------------------------------
    {
        "slug": "servicecenter-termine-vollstaendigkeit",
        "owner": "redaktion",
        "review_in_days": 100,
        "steps": [
            ("terminsteuerung", 1),
            ("terminsteuerung", 2),
            ("terminsteuerung", 3),
            ("terminsteuerung", 4),
            ("aufenthaltserlaubnis-verlaengern", 1),
            ("aufenthaltserlaubnis-verlaengern", 2),
        ],
        "processes": ["terminsteuerung"],
        "revisions": [
            {
                "title": "Servicecenter: Terminvergabe und Vollständigkeitsprüfung",
                "body": """## Ziel

Jede Vorsprache soll **in einem Termin** abgeschlossen werden. Das gelingt nur, wenn das Anliegen vorher geklärt ist und die Unterlagen vollständig sind.

## Vor dem Termin

1. Anliegen über das Online-Formular oder in der telefonischen Vorbesprechung klären.
2. Die **Unterlagenliste** zum Anliegen mitteilen. Die Mitwirkungspflicht ergibt sich aus § 82 Abs. 1 AufenthG.
3. Termin nach **Priorität** vergeben: Ablaufdatum des Titels und Fristfälle zuerst.

Für die Fortgeltung des Titels zählt der Eingang des Verlängerungsantrags vor Ablauf (§ 81 Abs. 4 AufenthG). Das Eingangsdatum wird deshalb immer dokumentiert.

## Am Termin

- Empfang, Aufruf und **Vollständigkeitsprüfung** vor Ort.
- Fehlen Nachweise, werden sie schriftlich nachgefordert und die Frist wird notiert.
- Den Vorgang an die zuständige Sachbearbeitung übergeben.

## Typische Unterlagen bei der Verlängerung (Praxis)

- Nationalpass, biometrisches Lichtbild, bisheriger eAT
- Nachweise zum Lebensunterhalt (Arbeitsvertrag, letzte Gehaltsabrechnungen)
- Krankenversicherungsnachweis
- Mietvertrag bzw. Wohnungsgeberbestätigung
- zweckbezogene Nachweise, z. B. Immatrikulation oder Heiratsurkunde
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "redaktion",
                "released_by": "teamleitung",
            },
            {
                "title": "Servicecenter: Terminvergabe, Vollständigkeit und Weiterleitung",
                "body": """## Ziel

Jede Vorsprache soll **in einem Termin** abgeschlossen werden. Das gelingt nur, wenn das Anliegen vorher geklärt ist und die Unterlagen vollständig sind.

## Vor dem Termin

1. Anliegen über das Online-Formular oder in der telefonischen Vorbesprechung klären.
2. Die **Unterlagenliste** zum Anliegen mitteilen. Die Mitwirkungspflicht ergibt sich aus § 82 Abs. 1 AufenthG.
3. Termin nach **Priorität** vergeben: Ablaufdatum des Titels und Fristfälle zuerst.

Für die Fortgeltung des Titels zählt der Eingang des Verlängerungsantrags vor Ablauf (§ 81 Abs. 4 AufenthG). Das Eingangsdatum wird deshalb immer dokumentiert.

## Nicht jedes Anliegen braucht einen Termin bei uns

| Anliegen | Weg |
|---|---|
| Verpflichtungserklärung | Bürgercentrum, siehe [[verpflichtungserklaerung-bonitaet]] |
| Einbürgerung | Kontaktstelle Staatswesen, siehe [[einbuergerung-schnittstelle]] |
| Verlängerung von Gestattung, Fiktionsbescheinigung, Duldung | in der Regel per Post, Vorsprache nur bei Bedarf |
| Arbeitsplatzwechsel | Erklärung zum Beschäftigungsverhältnis und Arbeitsvertragsentwurf einreichen lassen |

Beim Arbeitsplatzwechsel ausdrücklich sagen: Die neue Beschäftigung darf erst nach Erteilung der Erlaubnis aufgenommen werden.

## Am Termin

- Empfang, Aufruf und **Vollständigkeitsprüfung** vor Ort.
- Fehlen Nachweise, werden sie schriftlich nachgefordert und die Frist wird notiert.
- Den Vorgang an die zuständige Sachbearbeitung übergeben.

## Typische Unterlagen bei der Verlängerung (Praxis)

- Nationalpass, biometrisches Lichtbild, bisheriger eAT
- Nachweise zum Lebensunterhalt (Arbeitsvertrag, letzte Gehaltsabrechnungen)
- Krankenversicherungsnachweis
- Mietvertrag bzw. Wohnungsgeberbestätigung
- zweckbezogene Nachweise, z. B. Immatrikulation oder Heiratsurkunde

Zur Abholung des eAT: [[eat-pin-brief-fingerabdruecke]].
""",
                "note": "Tabelle zur Weiterleitung und Hinweis zum Arbeitsplatzwechsel ergänzt.",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
            {
                "title": "Servicecenter: Terminvergabe, Vollständigkeit und Weiterleitung",
                "body": """## Ziel

Jede Vorsprache soll **in einem Termin** abgeschlossen werden. Das gelingt nur, wenn das Anliegen vorher geklärt ist und die Unterlagen vollständig sind.

## Vor dem Termin

1. Anliegen über das Online-Formular oder in der telefonischen Vorbesprechung klären.
2. Die **Unterlagenliste** zum Anliegen mitteilen. Die Mitwirkungspflicht ergibt sich aus § 82 Abs. 1 AufenthG.
3. Termin nach **Priorität** vergeben: Ablaufdatum des Titels und Fristfälle zuerst.

Für die Fortgeltung des Titels zählt der Eingang des Verlängerungsantrags vor Ablauf (§ 81 Abs. 4 AufenthG). Das Eingangsdatum wird deshalb immer dokumentiert.

## Telefonische Vorbesprechung

Die Vorbesprechung ersetzt keine Beratung durch die Sachbearbeitung. Sie klärt drei Fragen: Welches Anliegen? Bis wann läuft der Titel? Welche Unterlagen fehlen noch? Das Ergebnis wird kurz im Vorgang notiert, damit am Termin niemand neu fragen muss.

## Nicht jedes Anliegen braucht einen Termin bei uns

| Anliegen | Weg |
|---|---|
| Verpflichtungserklärung | Bürgercentrum, siehe [[verpflichtungserklaerung-bonitaet]] |
| Einbürgerung | Kontaktstelle Staatswesen, siehe [[einbuergerung-schnittstelle]] |
| Verlängerung von Gestattung, Fiktionsbescheinigung, Duldung | in der Regel per Post, Vorsprache nur bei Bedarf |
| Arbeitsplatzwechsel | Erklärung zum Beschäftigungsverhältnis und Arbeitsvertragsentwurf einreichen lassen |

Beim Arbeitsplatzwechsel ausdrücklich sagen: Die neue Beschäftigung darf erst nach Erteilung der Erlaubnis aufgenommen werden.

## Am Termin

- Empfang, Aufruf und **Vollständigkeitsprüfung** vor Ort.
- Fehlen Nachweise, werden sie schriftlich nachgefordert und die Frist wird notiert.
- Den Vorgang an die zuständige Sachbearbeitung übergeben.

## Nach dem Termin

- Dokumente (eAT, Bescheinigungen) gibt das Servicecenter aus; zur Abholung des eAT siehe [[eat-pin-brief-fingerabdruecke]].
- Wartezeiten und Nichterscheinen werden von den Zentralen Diensten ausgewertet und fließen in die monatlichen Kennzahlen ein.
- Erscheint jemand in einem Fristfall nicht, wird die Sachbearbeitung noch am selben Tag informiert.

## Typische Unterlagen bei der Verlängerung (Praxis)

Nationalpass, biometrisches Lichtbild, bisheriger eAT, Nachweise zum Lebensunterhalt, Krankenversicherungsnachweis, Mietvertrag bzw. Wohnungsgeberbestätigung, zweckbezogene Nachweise.
""",
                "note": "Abschnitte zur telefonischen Vorbesprechung und zur Nachbereitung ergänzt.",
                "significant": False,
                "author": "redaktion",
                "released_by": None,
            },
        ],
    },
    # ------------------------------------------------------------------
    # Overview of legal changes – one revision
    # ------------------------------------------------------------------
    {
        "slug": "rechtsaenderungen-ueberblick",
        "owner": "teamleitung",
        "review_in_days": 270,
        "steps": [
            ("rechtsaenderungsmanagement", 2),
            ("rechtsaenderungsmanagement", 3),
            ("rechtsaenderungsmanagement", 7),
        ],
        "processes": ["rechtsaenderungsmanagement"],
        "revisions": [
            {
                "title": "Rechtsänderungen 2023 bis 2026: was sich für uns geändert hat",
                "body": """## Wozu dieser Artikel

Die Übersicht bündelt die Rechtsänderungen, die unsere Prozesse seit 2023 verändert haben, und verweist auf die Fachartikel. Sie ersetzt nicht die Auswertung durch die Rechtsstelle.

## Zeitleiste

| Inkrafttreten | Änderung | Mehr dazu |
|---|---|---|
| 18.11.2023 | Blaue Karte neu in § 18g AufenthG; Anspruch auf Titel nach §§ 18a, 18b AufenthG | [[blaue-karte-eu]] |
| 27.02.2024 | Rückführungsverbesserungsgesetz, u. a. Ausreisegewahrsam bis 28 Tage (§ 62b AufenthG), Beschäftigungsduldung erleichtert | [[ausbildungs-beschaeftigungsduldung]] |
| 01.03.2024 | Fachkräfteeinwanderung Stufe 2, u. a. § 16g AufenthG und herabgesetzte Fristen in § 18c AufenthG | [[ausbildungs-beschaeftigungsduldung]] |
| 01.06.2024 | Stufe 3: Chancenkarte (§ 20a AufenthG), Westbalkan-Kontingent 50.000 | [[chancenkarte]] |
| 27.06.2024 | Modernisierung des Staatsangehörigkeitsrechts | [[einbuergerung-schnittstelle]] |
| 31.10.2024 | Sicherheitspaket, u. a. Leistungsausschluss in Dublin-Fällen (§ 1 Abs. 4 AsylbLG) | – |
| 01.05.2025 | neue Gebühren für Passersatzpapiere (§ 48 AufenthV) | [[gebuehren-aufenthv]] |
| 24.07.2025 | Aussetzung des Familiennachzugs zu subsidiär Schutzberechtigten (§ 104 Abs. 14 AufenthG) | [[familiennachzug-visumzustimmung]] |
| 30.10.2025 | § 10 Abs. 3 StAG gestrichen | [[einbuergerung-schnittstelle]] |
| Oktober 2025 | Fortgeltung der Ukraine-Aufenthaltserlaubnisse bis 04.03.2027 | [[ukraine-voruebergehender-schutz]] |

## Ausblick GEAS

Ab dem 12.06.2026 sind die EU-Rechtsakte der GEAS-Reform vom 14.05.2024 anwendbar. Der Bundestag hat die nationalen Anpassungsgesetze am 27.02.2026 beschlossen. Das nationale Inkrafttreten und die Einzelheiten sind noch nicht bestätigt; betroffen sind vor allem Prozesse mit Bezug zum AsylG. Bis dahin gilt: keine Textbausteine auf Verdacht ändern.

## So setzen wir Änderungen um

1. Die Rechtsstelle erfasst geänderte Normen mit Inkrafttretensdatum.
2. Das Qualitätsmanagement ermittelt über die Normverweise der Prozessdatenbank die betroffenen Arbeitsschritte.
3. Die Teamleitungen bewerten die Auswirkungen und informieren ihre Teams.
4. Nach drei Monaten folgt eine Nachkontrolle.
""",
                "note": "Erstfassung",
                "significant": False,
                "author": "teamleitung",
                "released_by": "redaktion",
            },
        ],
    },
]
