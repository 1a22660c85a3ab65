"""Writes the SYNTHETIC (ILLUSTRATIVE) files of numresp's sample city, Poitiers.

The plan (Poitiers' *Plan numérique responsable*, 2022) gives a few figures: 3 digital advisers
in 6 drop-in places, 38 % of requests about access to rights, 35 % of the people helped without
digital autonomy, 352 computers collected and over 150 redistributed, about 17,000 people in
difficulty with digital tools, the "20 emails a day" claim. Those are in ``inventory.json``.
Everything the plan does not give is invented here, plausibly but without any real data:

* ``fleet.csv``             the city administration's device fleet (about 2,100 staff);
* ``factor_overrides.csv``  ILLUSTRATIVE uncertainty bounds on a few factors (values unchanged);
* ``population_grid.csv``   a 200 m grid of inhabitants around Poitiers (about 90,000 people);
* ``access_points.csv``     free wifi hotspots, free-access computers and the 6 mediation places;
* ``candidate_sites.csv``   public buildings where a new hotspot could go;
* ``mediation_cra_v2.json`` a year of the advisers' activity reports (CRA v2, JSON:API);
* ``sensors.csv``           260 city sensors (energy meters, waste bins, light) and their zones;
* ``readings.csv.gz``       a month of their readings (March 2025, about 186,000 rows);
* ``city_home.har``         a HAR recording of a page of the city's website.

Seeded and deterministic: running it again rewrites byte-identical files (checked in, so users
need neither numpy nor this script). Needs numpy.

    /usr/bin/python3 data/samples/poitiers/generate.py
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import math
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
SEED = 86194  # Poitiers' INSEE code
LABEL = "ILLUSTRATIVE: synthetic data of numresp's sample city, not real Poitiers data"

# Poitiers town hall, and the metres per degree there.
LON0, LAT0 = 0.3404, 46.5802
M_PER_DEG_LAT = 111_195.0
M_PER_DEG_LON = 111_195.0 * math.cos(math.radians(LAT0))

# Neighbourhoods (approximate centres), used for the grid's density, the sensors' zones and the
# places. Approximate and ILLUSTRATIVE.
QUARTIERS = {
    "Centre-ville": (0.3404, 46.5802),
    "Couronneries": (0.3622, 46.5905),
    "Trois-Cités": (0.3296, 46.5638),
    "Beaulieu": (0.3760, 46.5855),
    "Saint-Éloi": (0.3745, 46.6010),
    "Bel-Air": (0.3270, 46.5870),
}


def _write_csv(name: str, header: list, rows: list) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    (HERE / name).write_text(buf.getvalue(), encoding="utf-8")


def _fmt(x: float, digits: int) -> str:
    return f"{x:.{digits}f}"


# -- Device fleet -----------------------------------------------------------------------------------

FLEET = [
    # kind, variant, count, acquisition_year, refurbished, lifetime_years, location, power_w, use_time_ratio
    ("laptop", "", 150, 2019, "false", "", "FRA", "", ""),
    ("laptop", "", 260, 2020, "false", "", "FRA", "", ""),
    ("laptop", "", 180, 2021, "false", "", "FRA", "", ""),
    ("laptop", "", 160, 2022, "false", "", "FRA", "", ""),
    ("laptop", "", 140, 2023, "false", "", "FRA", "", ""),
    ("laptop", "", 110, 2024, "false", "", "FRA", "", ""),
    ("laptop", "", 40, 2024, "true", "", "FRA", "", ""),
    ("laptop", "", 120, 2025, "false", "", "FRA", "", ""),
    ("desktop", "pro", 120, 2017, "false", "8", "FRA", "", ""),
    ("desktop", "pro", 180, 2018, "false", "", "FRA", "", ""),
    ("desktop", "pro", 160, 2019, "false", "", "FRA", "", ""),
    ("desktop", "pro", 140, 2021, "false", "", "FRA", "", ""),
    ("desktop", "pro", 90, 2023, "false", "", "FRA", "", ""),
    ("monitor", "", 300, 2018, "false", "", "FRA", "", ""),
    ("monitor", "", 350, 2020, "false", "", "FRA", "", ""),
    ("monitor", "", 300, 2022, "false", "", "FRA", "", ""),
    ("monitor", "", 250, 2024, "false", "", "FRA", "", ""),
    ("smartphone", "", 250, 2021, "false", "", "FRA", "", ""),
    ("smartphone", "", 200, 2022, "false", "", "FRA", "", ""),
    ("smartphone", "", 220, 2023, "false", "", "FRA", "", ""),
    ("smartphone", "", 120, 2024, "false", "", "FRA", "", ""),
    ("smartphone", "", 60, 2024, "true", "", "FRA", "", ""),
    ("tablet", "", 60, 2020, "false", "", "FRA", "", ""),
    ("tablet", "", 80, 2023, "false", "", "FRA", "", ""),
    ("printer", "", 90, 2019, "false", "", "FRA", "", ""),
    ("printer", "", 60, 2022, "false", "", "FRA", "", ""),
    # Projectors: the set has no average power for them; 250 W, about 1 hour a day (ILLUSTRATIVE).
    ("projector", "", 35, 2018, "false", "", "FRA", "250", "0.05"),
    # Public information screens in town halls and libraries: on 12 hours a day.
    ("television", "", 20, 2021, "false", "", "FRA", "120", "0.5"),
    ("box", "", 45, 2022, "false", "", "FRA", "", ""),
    ("external_hdd", "", 100, 2020, "false", "", "FRA", "", ""),
]


def write_fleet() -> None:
    _write_csv("fleet.csv", ["kind", "variant", "count", "acquisition_year", "refurbished", "lifetime_years",
                             "location", "power_w", "use_time_ratio"], FLEET)


def write_overrides() -> None:
    note = ("ILLUSTRATIVE bounds of numresp's sample city: the value is the library's (ADEME ACV numérique "
            "2.1.0, NegaOctet); NegaOctet publishes no range, the +/-20 % is an assumption to show "
            "uncertainty propagation")
    rows = []
    for factor, value in (("device.laptop.gwp.manufacture", 170.0), ("device.desktop_pro.gwp.manufacture", 203.0),
                          ("device.monitor.gwp.manufacture", 64.6), ("device.smartphone.gwp.manufacture", 77.0),
                          ("device.tablet.gwp.manufacture", 80.5)):
        rows.append((factor, _fmt(value, 2), "kgCO2e", _fmt(value * 0.8, 2), _fmt(value * 1.2, 2),
                     "ADEME ACV numérique 2.1.0 value; ILLUSTRATIVE +/-20 % bounds (numresp sample city)", note))
    rows.append(("grid.gwp.fra", "51.9", "gCO2e/kWh", "44.2", "59.9",
                 "Base Empreinte 2024 mix moyen (value); bounds ILLUSTRATIVE: 44.2 generation only (Ember via "
                 "CO2.js 0.19), 59.9 Base Carbone about 2018",
                 "ILLUSTRATIVE range of numresp's sample city; see research/factors.md section 3c"))
    _write_csv("factor_overrides.csv", ["id", "value", "unit", "low", "high", "source", "notes"], rows)


# -- Inclusion: grid, access points, candidates -------------------------------------------------------


def _to_lonlat(x_m: np.ndarray, y_m: np.ndarray):
    return LON0 + x_m / M_PER_DEG_LON, LAT0 + y_m / M_PER_DEG_LAT


def _to_xy(lon: float, lat: float):
    return (lon - LON0) * M_PER_DEG_LON, (lat - LAT0) * M_PER_DEG_LAT


def write_grid(rng: np.random.Generator) -> np.ndarray:
    cell = 200.0
    xs = np.arange(-5000.0, 5000.0 + 1, cell)
    ys = np.arange(-4400.0, 4400.0 + 1, cell)
    gx, gy = np.meshgrid(xs, ys)
    gx, gy = gx.ravel(), gy.ravel()
    # A mixture of Gaussian neighbourhoods and a diffuse background (weights sum to 1).
    parts = [("Centre-ville", 900.0, 0.27), ("Couronneries", 600.0, 0.14), ("Trois-Cités", 600.0, 0.13),
             ("Beaulieu", 500.0, 0.09), ("Saint-Éloi", 500.0, 0.08), ("Bel-Air", 550.0, 0.09)]
    density = np.zeros_like(gx)
    for name, sigma, weight in parts:
        cx, cy = _to_xy(*QUARTIERS[name])
        density += weight * np.exp(-((gx - cx) ** 2 + (gy - cy) ** 2) / (2 * sigma**2)) / (2 * math.pi * sigma**2)
    extra = [((0.3650, 46.5640), 500.0, 0.07), ((0.3360, 46.5950), 450.0, 0.06)]  # Gibauderie, Porte de Paris
    for (lon, lat), sigma, weight in extra:
        cx, cy = _to_xy(lon, lat)
        density += weight * np.exp(-((gx - cx) ** 2 + (gy - cy) ** 2) / (2 * sigma**2)) / (2 * math.pi * sigma**2)
    density += 0.07 * np.exp(-(gx**2 + gy**2) / (2 * 2500.0**2)) / (2 * math.pi * 2500.0**2)
    expected = 90_000 * density * cell * cell
    people = rng.poisson(expected)
    keep = people > 0
    lon, lat = _to_lonlat(gx[keep], gy[keep])
    rows = [(_fmt(a, 6), _fmt(b, 6), int(p)) for a, b, p in zip(lon, lat, people[keep])]
    _write_csv("population_grid.csv", ["lon", "lat", "inhabitants"], rows)
    return np.column_stack([lon, lat, people[keep]])


MEDIATION_PLACES = [
    # The 6 drop-in places of the plan's 3 advisers (names as in the CRA log); positions ILLUSTRATIVE.
    ("mediatheque-francois-mitterrand", 0.3436, 46.5829),
    ("mairie-quartier-couronneries", 0.3618, 46.5898),
    ("mairie-quartier-trois-cites", 0.3302, 46.5646),
    ("csc-la-blaiserie", 0.3185, 46.5893),
    ("maison-quartier-saint-eloi", 0.3751, 46.6002),
    ("ccas-poitiers", 0.3421, 46.5786),
]


def write_access_points(rng: np.random.Generator) -> None:
    rows = []
    for name, lon, lat in MEDIATION_PLACES:
        rows.append((_fmt(lon, 6), _fmt(lat, 6), "mediation", name))
    computers = [(name, lon, lat) for name, lon, lat in MEDIATION_PLACES[:5]] + [
        ("hotel-de-ville", 0.3404, 46.5802), ("bibliotheque-beaulieu", 0.3765, 46.5860),
        ("bibliotheque-bel-air", 0.3268, 46.5872)]
    for name, lon, lat in computers:
        rows.append((_fmt(lon + 0.0002, 6), _fmt(lat + 0.0001, 6), "computers", f"ordinateurs-{name}"))
    # Wifi hotspots: dense in the centre, a few in the neighbourhoods' public buildings.
    n_centre = 16
    x = rng.normal(0.0, 450.0, n_centre)
    y = rng.normal(0.0, 350.0, n_centre)
    lon, lat = _to_lonlat(x, y)
    for i, (a, b) in enumerate(zip(lon, lat), 1):
        rows.append((_fmt(a, 6), _fmt(b, 6), "wifi", f"wifi-centre-{i:02d}"))
    for i, (name, (qlon, qlat)) in enumerate(list(QUARTIERS.items())[1:], 1):
        for j in range(2):
            dx, dy = rng.normal(0.0, 250.0, 2)
            a, b = _to_lonlat(np.array([_to_xy(qlon, qlat)[0] + dx]), np.array([_to_xy(qlon, qlat)[1] + dy]))
            slug = name.lower().replace("é", "e").replace("-", "").replace(" ", "")
            rows.append((_fmt(a[0], 6), _fmt(b[0], 6), "wifi", f"wifi-{slug}-{j + 1}"))
    _write_csv("access_points.csv", ["lon", "lat", "kind", "name"], rows)


def write_candidates(rng: np.random.Generator, grid: np.ndarray) -> None:
    kinds = ["school", "social-centre", "sports-hall", "bus-shelter", "library-annex", "gymnasium", "park"]
    weights = grid[:, 2] / grid[:, 2].sum()
    picks = rng.choice(len(grid), size=150, replace=False, p=weights)
    rows = []
    for i, p in enumerate(sorted(picks.tolist()), 1):
        dx, dy = rng.uniform(-90.0, 90.0, 2)
        x, y = _to_xy(grid[p, 0], grid[p, 1])
        lon, lat = _to_lonlat(np.array([x + dx]), np.array([y + dy]))
        rows.append((_fmt(lon[0], 6), _fmt(lat[0], 6), f"candidate-{i:03d}", kinds[int(rng.integers(len(kinds)))]))
    _write_csv("candidate_sites.csv", ["lon", "lat", "name", "kind"], rows)


# -- Mediation activity log (CRA v2, JSON:API) ----------------------------------------------------------

DIGITAL_THEMES = ["diagnostic_numerique", "prendre_en_main_du_materiel", "navigation_sur_internet", "email",
                  "bureautique", "reseaux_sociaux", "banque_et_achats_en_ligne", "securite_numerique",
                  "insertion_professionnelle", "gere_ses_contenus_numeriques", "culture_numerique"]
ADMIN_THEMES = ["papiers_elections_citoyennete", "famille_scolarite", "social_sante", "travail_formation",
                "logement", "argent_impots", "transports_mobilite"]
AGE_KEYS = ["moins_de_douze", "douze_dix_huit", "dix_huit_vingt_quatre", "vingt_cinq_trente_neuf",
            "quarante_cinquante_neuf", "soixante_soixante_neuf", "soixante_dix_plus", "non_communique"]
AGE_P = [0.0, 0.02, 0.06, 0.14, 0.24, 0.22, 0.27, 0.05]
STATUS_KEYS = ["scolarise", "sans_emploi", "en_emploi", "retraite", "non_communique"]
STATUS_P = [0.06, 0.24, 0.16, 0.46, 0.08]
WORKSHOPS = [("Prendre en main son smartphone", "prendre_en_main_du_materiel"),
             ("Naviguer sur internet en sécurité", "navigation_sur_internet"),
             ("Créer et gérer son adresse email", "email"),
             ("Reconnaître les arnaques en ligne", "securite_numerique"),
             ("Faire ses démarches en ligne", "aide_aux_demarches_administratives")]


def _counts(rng: np.random.Generator, keys: list, p: list, n: int) -> dict:
    draws = rng.multinomial(n, p)
    return {k: int(v) for k, v in zip(keys, draws)}


def write_mediation(rng: np.random.Generator) -> dict:
    advisers = {"cn-01": MEDIATION_PLACES[0:2], "cn-02": MEDIATION_PLACES[2:4], "cn-03": MEDIATION_PLACES[4:6]}
    day = dt.date(2024, 1, 2)
    records = []
    n = 0
    while day <= dt.date(2024, 12, 20):
        if day.weekday() < 5 and not (dt.date(2024, 8, 1) <= day <= dt.date(2024, 8, 23)):
            for adviser, places in advisers.items():
                for _ in range(int(rng.poisson(1.3))):
                    n += 1
                    place = places[int(rng.integers(2))][0]
                    collective = rng.random() < 0.2
                    place_type = "lieu_activite"
                    r = rng.random()
                    if not collective and r < 0.05:
                        place_type = "domicile"
                    elif not collective and r < 0.08:
                        place_type = "a_distance"
                    attrs = {"type": "collectif" if collective else "individuel", "mediateur_id": adviser,
                             "date": day.isoformat()}
                    if collective:
                        title, theme = WORKSHOPS[int(rng.integers(len(WORKSHOPS)))]
                        people = int(rng.integers(4, 11))
                        attrs.update({"accompagnements": people, "duree": int(rng.choice([90, 120])),
                                      "titre_atelier": title, "niveau_atelier": "debutant", "thematiques": [theme]})
                    else:
                        people = 1
                        themes = []
                        if rng.random() < 0.43:  # the plan: 38 % of requests about access to rights (workshops included)
                            themes.append("aide_aux_demarches_administratives")
                            themes.append(ADMIN_THEMES[int(rng.integers(len(ADMIN_THEMES)))])
                        else:
                            themes += sorted(set(DIGITAL_THEMES[int(i)] for i in
                                                 rng.integers(len(DIGITAL_THEMES), size=int(rng.integers(1, 3)))))
                        a = rng.random()  # the plan: 35 % of the people helped without digital autonomy
                        autonomy = ("entierement_accompagne" if a < 0.35 else
                                    "partiellement_autonome" if a < 0.80 else "autonome")
                        referred = bool(rng.random() < 0.18)
                        attrs.update({"accompagnements": 1, "duree": int(rng.choice([15, 30, 45, 60, 90],
                                                                                    p=[0.1, 0.3, 0.3, 0.2, 0.1])),
                                      "autonomie": autonomy, "oriente_vers_structure": referred,
                                      "thematiques": themes})
                        if referred and themes[0] == "aide_aux_demarches_administratives":
                            attrs["structure_de_redirection"] = "aide_aux_demarches_administratives"
                    attrs["type_lieu"] = place_type
                    if place_type == "lieu_activite":
                        attrs["structure_id"] = place
                    else:
                        attrs.update({"lieu_code_postal": "86000", "lieu_commune": "Poitiers",
                                      "lieu_code_insee": "86194"})
                    attrs["beneficiaires"] = {
                        "total": people,
                        "tranches_age": _counts(rng, AGE_KEYS, AGE_P, people),
                        "statuts": _counts(rng, STATUS_KEYS, STATUS_P, people),
                    }
                    if rng.random() < 0.004:  # a few reports deleted by their adviser: rejected, and counted
                        attrs["suppression"] = (day + dt.timedelta(days=2)).isoformat() + "T09:00:00.000Z"
                    records.append({"type": "activite", "id": f"act-{n:05d}", "attributes": attrs})
        day += dt.timedelta(days=1)
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    meta = {"total_count": len(records), "illustrative": True, "notes": LABEL + "; CRA v2 (La Coop de la "
            "médiation numérique) JSON:API layout, 3 advisers in 6 places, year 2024"}
    text = ('{"meta":' + json.dumps(meta, ensure_ascii=False) + ',\n"links":{"self":{"href":'
            '"https://coop-numerique.anct.gouv.fr/api/v1/activites"}},\n"data":[\n' + lines + "\n]}\n")
    (HERE / "mediation_cra_v2.json").write_text(text, encoding="utf-8")
    return {"activities": len(records)}


# -- Sensors -------------------------------------------------------------------------------------------


def write_sensors(rng: np.random.Generator) -> dict:
    zones = list(QUARTIERS)
    kinds = [("energy", "kWh", 80), ("waste", "%", 100), ("light", "lx", 60)]
    sensors = []
    sid = 1000
    for kind, unit, count in kinds:
        for i in range(count):
            sid += 1
            zone = zones[i % len(zones)] if i < len(zones) else zones[int(rng.integers(len(zones)))]
            qlon, qlat = QUARTIERS[zone]
            x, y = _to_xy(qlon, qlat)
            lon, lat = _to_lonlat(np.array([x + rng.normal(0, 300)]), np.array([y + rng.normal(0, 300)]))
            sensors.append((sid, kind, unit, zone, _fmt(lon[0], 6), _fmt(lat[0], 6)))
    _write_csv("sensors.csv", ["sensor_id", "kind", "unit", "zone", "lon", "lat"], sensors)

    start = dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc) - dt.timedelta(hours=1)  # 1 March, Paris midnight
    end = dt.datetime(2025, 3, 31, 22, tzinfo=dt.timezone.utc)  # 1 April, Paris midnight (CEST)
    t0, t1 = int(start.timestamp()), int(end.timestamp())
    rows = []
    for sid, kind, unit, zone, _, _ in sensors:
        if kind == "energy":  # kWh consumed by a public building in the hour starting at t
            t = np.arange(t0, t1, 3600)
            base = rng.uniform(2.0, 20.0)
            hour = ((t // 3600) + 1) % 24  # Paris hour in winter time (UTC+1); close enough in late March
            weekday = ((t // 86400) + 3) % 7  # 1970-01-01 was a Thursday: 0 = Monday
            occupied = (hour >= 8) & (hour < 19) & (weekday < 5)
            v = base * np.where(occupied, 1.0, 0.35) * rng.normal(1.0, 0.08, len(t))
            v = np.round(np.maximum(v, 0.0), 2)
        elif kind == "waste":  # fill level of a bin, every 2 hours, emptied when full or on collection days
            t = np.arange(t0, t1, 7200)
            rate = rng.uniform(0.6, 2.2)  # % per 2 h
            level = rng.uniform(0, 40)
            v = np.empty(len(t))
            for i in range(len(t)):
                level += rate * rng.uniform(0.5, 1.5)
                if level > 95 or (i % 84 == 40 and level > 50):
                    level = rng.uniform(0, 5)
                v[i] = level
            v = np.round(np.minimum(v, 100.0), 1)
        else:  # illuminance at a street corner, every 30 minutes (daylight, then street lighting)
            t = np.arange(t0, t1, 1800)
            hour = ((t % 86400) / 3600.0 + 1.0) % 24
            daylight = np.clip(np.sin((hour - 7.0) / 12.0 * math.pi), 0.0, None)
            lit = rng.uniform(8.0, 35.0)
            v = np.where(daylight > 0.02, 20000.0 * daylight * rng.uniform(0.3, 1.0, len(t)),
                         lit * rng.normal(1.0, 0.05, len(t)))
            v = np.round(np.maximum(v, 0.0), 1)
        keep = rng.random(len(t)) > 0.005  # about 0.5 % of the readings lost
        for ti, vi in zip(t[keep], v[keep]):
            rows.append((int(ti), sid, float(vi)))
    rows.sort()
    buf = io.StringIO()
    buf.write("sensor_id,timestamp,value\n")
    for ti, sid, vi in rows:
        stamp = dt.datetime.fromtimestamp(ti, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        buf.write(f"{sid},{stamp},{vi:g}\n")
    data = buf.getvalue().encode("utf-8")
    with open(HERE / "readings.csv.gz", "wb") as raw:
        # mtime=0 and no file name: the same bytes on every run.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(data)
    return {"sensors": len(sensors), "readings": len(rows)}


# -- A HAR recording of a page of the city's website -----------------------------------------------------


def write_har(rng: np.random.Generator) -> None:
    resources = [("https://www.poitiers.example/", "text/html; charset=utf-8", 48_000)]
    for i in range(9):
        resources.append((f"https://www.poitiers.example/assets/style-{i}.css", "text/css", int(rng.integers(4, 40)) * 1000))
    for i in range(14):
        resources.append((f"https://www.poitiers.example/assets/app-{i}.js", "application/javascript",
                          int(rng.integers(10, 120)) * 1000))
    for i in range(26):
        resources.append((f"https://www.poitiers.example/media/photo-{i}.jpg", "image/jpeg", int(rng.integers(20, 160)) * 1000))
    for i in range(6):
        resources.append((f"https://fonts.cdn.example/font-{i}.woff2", "font/woff2", int(rng.integers(15, 40)) * 1000))
    for i in range(8):
        resources.append((f"https://stats.tracker.example/collect?e={i}", "image/gif", 400))
    entries = []
    start = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.timezone.utc)
    for i, (url, mime, size) in enumerate(resources):
        when = (start + dt.timedelta(milliseconds=40 * i)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        entries.append({
            "pageref": "page_1", "startedDateTime": when, "time": 30.0,
            "request": {"method": "GET", "url": url, "httpVersion": "HTTP/2", "cookies": [], "headers": [],
                        "queryString": [], "headersSize": -1, "bodySize": 0},
            "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/2", "cookies": [], "headers": [],
                         "content": {"size": size, "mimeType": mime}, "redirectURL": "", "headersSize": -1,
                         "bodySize": size, "_transferSize": size + 300},
            "cache": {}, "timings": {"send": 0, "wait": 20, "receive": 10},
        })
    har = {"log": {"version": "1.2", "creator": {"name": "numresp sample generator", "version": "1"},
                   "comment": LABEL + "; a made-up page of a city website (www.poitiers.example)",
                   "pages": [{"startedDateTime": entries[0]["startedDateTime"], "id": "page_1",
                              "title": "Ville de Poitiers (illustrative)", "pageTimings": {}}],
                   "entries": entries}}
    (HERE / "city_home.har").write_text(json.dumps(har, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    rng = np.random.default_rng(SEED)
    write_fleet()
    write_overrides()
    grid = write_grid(rng)
    write_access_points(rng)
    write_candidates(rng, grid)
    med = write_mediation(rng)
    sens = write_sensors(rng)
    write_har(rng)
    print(f"grid: {len(grid)} cells, {int(grid[:, 2].sum())} inhabitants; mediation: {med['activities']} reports; "
          f"sensors: {sens['sensors']} sensors, {sens['readings']} readings")


if __name__ == "__main__":
    main()
