#!/usr/bin/env python3
"""Generate examples/sundgau/observations.csv: FICTIONAL observations for the Sundgau plan.

Deterministic (no randomness): re-running it gives the same file. The file is written as
French Excel saves a CSV: UTF-8 with BOM, `;` separators, decimal commas, dd/mm/yyyy dates,
CRLF line endings. Participant ids are made-up pseudonyms (P-0001…), never real people.

The values are chosen so that, evaluated as of 31/12/2026, every status appears:
achieved, on_track, at_risk, not_achieved, no_data, not_evaluable, tracked.
"""
from pathlib import Path

rows = []


def add(ind, date, value="", participant="", denominator="", commune="", comment=""):
    rows.append([ind, date, value, participant, denominator, commune, comment])


# f1.1 forum des acteurs sociaux: tracked (no target)
add("f1.1", "14/10/2025", "85", commune="Altkirch")
add("f1.1", "13/10/2026", "92", commune="Altkirch")
# f1.2 connexions à l'annuaire: tracked, monthly counts summed per year
for m, v in [(3, 40), (6, 55), (9, 61), (12, 70)]:
    add("f1.2", f"{28 if m == 12 else 30:02d}/{m:02d}/2026", str(v))
# f1.3 interventions: no row at all -> no_data
# f1.4 plaquette: done in 2025 -> achieved
add("f1.4", "12/05/2025", "oui", comment="Plaquette diffusée aux mairies")
# f1.5 courrier type: reported not done yet -> on_track (due by 2029)
add("f1.5", "30/11/2026", "non", comment="Modèles en cours de rédaction")
# f2.1 forum des associations (> 200): 200 is not > 200 -> not_achieved
add("f2.1", "06/09/2025", "180")
add("f2.1", "05/09/2026", "200")
# f3.1 participants aux événements (+20 % vs 2024): 2024 = 400, 2026 = 436 -> on_track
for d, v in [("15/03/2024", 120), ("20/06/2024", 150), ("12/10/2024", 130)]:
    add("f3.1", d, str(v))
for d, v in [("14/03/2025", 125), ("21/06/2025", 150), ("11/10/2025", 135)]:
    add("f3.1", d, str(v))
for d, v in [("13/03/2026", 131), ("20/06/2026", 170), ("10/10/2026", 135)]:
    add("f3.1", d, str(v))
# f3.2 nouvelles collaborations: tracked
add("f3.2", "31/12/2025", "3")
add("f3.2", "31/12/2026", "5")
# f3.3 satisfaction des participants (score /5, mean): tracked
for d, v in [("20/06/2026", "4,2"), ("10/10/2026", "4,6")]:
    add("f3.3", d, v)
# f4.1 10-18 ans différents (>200): distinct participants; 2025: 190, 2026: 215 -> achieved
for i in range(1, 191):
    add("f4.1", f"{(i % 28) + 1:02d}/07/2025", participant=f"P-{i:04d}")
for i in range(1, 216):
    add("f4.1", f"{(i % 28) + 1:02d}/04/2026", participant=f"P-{i + 100:04d}")
for i in range(1, 121):  # the same young people again in the summer: not counted twice
    add("f4.1", f"{(i % 28) + 1:02d}/08/2026", participant=f"P-{i + 100:04d}")
# f5.1 nouvelles places (cumulative): tracked
add("f5.1", "01/09/2025", "12", commune="Ferrette")
add("f5.1", "01/09/2026", "8", commune="Hirsingue")
# f5.2 taux d'occupation: hours billed / hours offered, summed (never averaged) -> tracked
add("f5.2", "31/12/2026", "41 250,5", denominator="55 000", commune="Altkirch")
add("f5.2", "31/12/2026", "18 900", denominator="21 000", commune="Dannemarie")
# f5.3 satisfaction des familles: tracked
add("f5.3", "30/06/2026", "3,9")
# f6.1 places (+10 % vs 2024, stock): 2024 = 300, 2026 = 309 < trajectory 312 -> at_risk
add("f6.1", "31/12/2024", "180", commune="Altkirch")
add("f6.1", "31/12/2024", "120", commune="Dannemarie")
add("f6.1", "31/12/2025", "182", commune="Altkirch")
add("f6.1", "31/12/2025", "123", commune="Dannemarie")
add("f6.1", "31/12/2026", "185", commune="Altkirch")
add("f6.1", "31/12/2026", "124", commune="Dannemarie")
# f6.2 nouvelles structures (>2, cumulative): 2 by end 2026, projected ~5 -> on_track
add("f6.2", "01/09/2025", "1", commune="Muespach-le-Haut")
add("f6.2", "01/09/2026", "1", commune="Durlinsdorf")
# f6.3 relations CCS / syndicats / communes / EN: partly -> at_risk
add("f6.3", "15/11/2026", "partiellement atteint", comment="Rencontres engagées avec deux syndicats sur cinq")
# f7.1 fréquentation du SIJ (>10/mois): opened in 2025; 2026: 9 months with data, mean 8,5
for m, v in [(10, 4), (11, 6), (12, 7)]:
    add("f7.1", f"28/{m:02d}/2025", str(v))
for m, v in [(1, 6), (2, 7), (3, 9), (4, 8), (5, 11), (6, 12), (9, 7), (10, 8), (11, 8.5)]:
    add("f7.1", f"28/{m:02d}/2026", str(v).replace(".", ","))
# f7.2 identification du service: achieved
add("f7.2", "15/12/2026", "atteint", comment="Le SIJ est cité par les collèges et la Mission locale")
# f8.1 actions de soutien à la parentalité (>24/an): 2025: 22, 2026: 27 -> achieved
add("f8.1", "31/12/2025", "22")
add("f8.1", "30/06/2026", "12")
add("f8.1", "31/12/2026", "15")
# f9.1 enfants suivis (>20): 18 distinct children in 2026 -> not_achieved
for i in range(1, 19):
    add("f9.1", f"{(i % 27) + 1:02d}/03/2026", participant=f"E-{i:03d}")
# f10.1 projets d'expérimentation (>2, cumulative): 1 so far, projected 2,5 -> on_track
add("f10.1", "15/06/2026", "1")
# f11.1 vacances de postes (-10 % vs 2024): no 2024 figure -> not_evaluable
add("f11.1", "31/12/2025", "14")
add("f11.1", "31/12/2026", "12")
# f12.1 suivi et communication: achieved
add("f12.1", "10/12/2026", "atteint")
# f12.2 1 COPIL/an: achieved
add("f12.2", "20/11/2025", "1")
add("f12.2", "19/11/2026", "1")
# f12.3 4 Cotech/an: 3 in 2026 -> not_achieved
for d in ["12/02/2026", "14/05/2026", "17/09/2026"]:
    add("f12.3", d, "1")
# Outside the evaluation: after 31/12/2026 (ignored) and before the baseline year.
add("f12.3", "15/01/2027", "1")
add("f2.1", "09/09/2023", "150")

header = ["indicateur", "date", "valeur", "participant", "dénominateur", "commune", "commentaire"]
lines = [
    "# Données fictives : observations inventées pour l'exemple, aucune personne réelle.",
    "# Fictional data: made-up observations for the example.",
    ";".join(header),
]
for r in rows:
    lines.append(";".join(f'"{c}"' if ";" in c else c for c in r))
out = Path(__file__).with_name("observations.csv")
out.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
print(f"wrote {out} ({len(rows)} rows)")
