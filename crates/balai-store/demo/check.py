#!/usr/bin/env python3
"""Consistency check for the Balai demo region (Kabupaten Mesuji).

Run from anywhere: `python3 crates/balai-store/demo/check.py [DIR]`. It checks what serde alone
cannot: exact key sets (the Rust side denies unknown keys), unique codes, that every
reference resolves, that every organisation kind of Perbup Mesuji 26/2023 Pasal 8(1)
occurs, that every service standard carries all its components with real text, that
reporting lines have no cycles, and the identifier formats (NIK, NIP, E.164 phones).
Exits 1 and lists every problem when something is wrong; prints the counts otherwise.
"""

import datetime as dt
import json
import re
import sys
from pathlib import Path

DIR = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
ERRORS: list[str] = []


def err(msg: str) -> None:
    ERRORS.append(msg)


def load(name: str):
    try:
        return json.loads((DIR / name).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        err(f"{name}: cannot read: {e}")
        return None


def keys(where: str, obj, expected: set[str]) -> bool:
    if not isinstance(obj, dict):
        err(f"{where}: expected an object")
        return False
    got = set(obj)
    if got != expected:
        missing, extra = expected - got, got - expected
        err(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(extra)}")
        return False
    return True


def text(where: str, value) -> None:
    if not isinstance(value, str) or not value.strip():
        err(f"{where}: empty or not text")


def date(where: str, value, nullable: bool = False):
    if value is None and nullable:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        err(f"{where}: not an ISO date: {value!r}")
        return None


E164 = re.compile(r"^\+62\d{8,13}$")


def phone(where: str, value) -> None:
    if not isinstance(value, str) or not E164.match(value):
        err(f"{where}: not an E.164 Indonesian number: {value!r}")


def check_nip(where: str, value: str) -> None:
    """NIP: birth date (8) + appointment year-month (6) + gender 1/2 (1) + serial (3)."""
    if value == "":
        return
    if not re.fullmatch(r"\d{18}", value):
        err(f"{where}: NIP must be 18 digits or empty: {value!r}")
        return
    try:
        dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
        dt.date(int(value[8:12]), int(value[12:14]), 1)
    except ValueError:
        err(f"{where}: NIP has an impossible date: {value}")
    if value[14] not in "12" or value[15:] == "000":
        err(f"{where}: NIP gender digit or serial invalid: {value}")


def check_nik(where: str, value) -> None:
    """NIK: PPKKCC DDMMYY SSSS, regency 1811, women's day + 40, serial not 0000."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{16}", value):
        err(f"{where}: NIK must be 16 digits: {value!r}")
        return
    if not value.startswith("1811"):
        err(f"{where}: NIK not issued in Kabupaten Mesuji (1811): {value}")
    day = int(value[6:8])
    day = day - 40 if day > 40 else day
    try:
        dt.date(1900 + int(value[10:12]), int(value[8:10]), day)
    except ValueError:
        err(f"{where}: NIK birth date impossible: {value}")
    if value[12:] == "0000":
        err(f"{where}: NIK serial 0000")


# ------------------------------------------------------------------ region
REGION_KEYS = {"code", "name", "mall_name", "address", "phone", "email", "opening_hours",
               "about_id", "about_en", "complaint_channels", "steward", "patron"}
region = load("region.json")
if region is not None and keys("region", region, REGION_KEYS):
    for k in REGION_KEYS - {"phone"}:
        text(f"region.{k}", region[k])
    phone("region.phone", region["phone"])
    if region["code"] != "1811":
        err("region.code must be 1811 (Kabupaten Mesuji)")
    for k in ("about_id", "about_en"):
        n = len([p for p in region[k].split("\n\n") if p.strip()])
        if not 3 <= n <= 5:
            err(f"region.{k}: {n} paragraphs, expected 3-5")

# ------------------------------------------------------------------ organisations
ORG_KINDS = {"perangkat_daerah", "perangkat_daerah_provinsi", "instansi_vertikal", "bumn", "bumd",
             "swasta", "unit_pendukung"}
ORG_KEYS = {"code", "name", "name_en", "kind", "description", "address", "phone", "email", "website",
            "head_name", "head_position", "parent", "agreement", "counters", "officers", "charter"}
AGR_KEYS = {"kind", "number", "date", "workplan_number", "workplan_date"}
CTR_KEYS = {"code", "name", "building", "floor", "position", "opening_hours"}
OFF_KEYS = {"key", "name", "position", "nip", "superior", "counter", "public_profile", "competence"}
CHR_KEYS = {"text", "adopted_on", "signed_by", "position"}

orgs = load("organisations.json") or []
org_codes: dict[str, dict] = {}
counter_owner: dict[str, str] = {}
officers: dict[str, dict] = {}
officer_org: dict[str, str] = {}
for i, o in enumerate(orgs):
    where = f"organisations[{i}]"
    if not keys(where, o, ORG_KEYS):
        continue
    code = o["code"]
    where = f"organisation {code}"
    if code in org_codes:
        err(f"{where}: duplicate code")
    org_codes[code] = o
    for k in ("name", "name_en", "description", "address", "email", "head_name", "head_position"):
        text(f"{where}.{k}", o[k])
    phone(f"{where}.phone", o["phone"])
    if o["website"] and not o["website"].startswith("https://"):
        err(f"{where}.website must be https:// or empty")
    if o["kind"] not in ORG_KINDS:
        err(f"{where}.kind unknown: {o['kind']}")
    a = o["agreement"]
    if keys(f"{where}.agreement", a, AGR_KEYS):
        if a["kind"] not in ("nota_kesepakatan", "perjanjian_kerja_sama"):
            err(f"{where}.agreement.kind unknown: {a['kind']}")
        text(f"{where}.agreement.number", a["number"])
        date(f"{where}.agreement.date", a["date"])
        wd = date(f"{where}.agreement.workplan_date", a["workplan_date"], nullable=True)
        if (a["workplan_number"] == "") != (wd is None):
            err(f"{where}.agreement: workplan number and date must be given together")
        # Mesuji Pasal 8(2-3): a Nota Kesepakatan is followed by a work plan or PKS.
        if a["kind"] == "nota_kesepakatan" and not a["workplan_number"]:
            err(f"{where}.agreement: a nota kesepakatan needs its follow-up (Mesuji Pasal 8(3))")
    if not 1 <= len(o["counters"]) <= 3:
        err(f"{where}: {len(o['counters'])} counters, expected 1-3")
    for c in o["counters"]:
        if not keys(f"{where}.counter", c, CTR_KEYS):
            continue
        if not re.fullmatch(r"G\d{2}", c["code"]):
            err(f"{where}: counter code {c['code']} not G01..G99")
        if c["code"] in counter_owner:
            err(f"counter {c['code']} used twice")
        counter_owner[c["code"]] = code
        for k in CTR_KEYS:
            text(f"{where}.counter {c['code']}.{k}", c[k])
    if not 2 <= len(o["officers"]) <= 5:
        err(f"{where}: {len(o['officers'])} officers, expected 2-5")
    for off in o["officers"]:
        if not keys(f"{where}.officer", off, OFF_KEYS):
            continue
        if off["key"] in officers:
            err(f"officer key {off['key']} used twice")
        officers[off["key"]] = off
        officer_org[off["key"]] = code
        for k in ("key", "name", "position", "public_profile", "competence"):
            text(f"{where}.officer {off['key']}.{k}", off[k])
        check_nip(f"officer {off['key']}.nip", off["nip"])
    ch = o["charter"]
    if keys(f"{where}.charter", ch, CHR_KEYS):
        if ch["text"] is not None:
            text(f"{where}.charter.text", ch["text"])
        date(f"{where}.charter.adopted_on", ch["adopted_on"])
        text(f"{where}.charter.signed_by", ch["signed_by"])
        text(f"{where}.charter.position", ch["position"])

for code, o in org_codes.items():
    if o["parent"] is not None and o["parent"] not in org_codes:
        err(f"organisation {code}: parent {o['parent']} does not exist")
    for off in o["officers"]:
        if off["counter"] is not None and counter_owner.get(off["counter"]) != code:
            err(f"officer {off['key']}: counter {off['counter']} is not a counter of {code}")
        if off["superior"] is not None and off["superior"] not in officers:
            err(f"officer {off['key']}: superior {off['superior']} does not exist")



def report_cycles(label: str, nodes: dict, up) -> None:
    """Follow each node upward; report every distinct cycle once (complaints route upward)."""
    found: set[frozenset] = set()
    for start in nodes:
        seen, cur = [], start
        while cur is not None and cur in nodes:
            if cur in seen:
                loop = seen[seen.index(cur):]
                if frozenset(loop) not in found:
                    found.add(frozenset(loop))
                    err(f"{label} cycle: {' -> '.join(loop + [cur])}")
                break
            seen.append(cur)
            cur = up(cur)


report_cycles("officer superior", officers, lambda k: officers[k]["superior"])
report_cycles("organisation parent", org_codes, lambda c: org_codes[c]["parent"])

missing_kinds = ORG_KINDS - {o["kind"] for o in org_codes.values()}
if missing_kinds:
    err(f"organisation kinds missing (Mesuji Pasal 8(1)): {sorted(missing_kinds)}")
if len(org_codes) < 11:
    err(f"only {len(org_codes)} organisations, expected at least 11")

# ------------------------------------------------------------------ services
SVC_KEYS = {"code", "organisation", "name", "name_en", "kind", "category", "keywords", "modes",
            "ticket_prefix", "effective_from", "standard"}
STD_KEYS = {"legal_basis", "requirements", "procedure", "completion_time", "fees", "fee_legal_basis",
            "product", "facilities", "vulnerable_facilities", "officer_competence",
            "internal_supervision", "complaint_handling", "officer_count", "service_guarantee",
            "security_guarantee", "compensation", "performance_evaluation"}
STD_TEXT = {"fee_legal_basis", "product", "facilities", "vulnerable_facilities", "officer_competence",
            "internal_supervision", "complaint_handling", "service_guarantee", "security_guarantee",
            "compensation", "performance_evaluation"}
MODES = {"langsung", "elektronik", "mandiri", "keliling"}
UNITS = {"working_days", "days", "hours", "minutes"}
FILE_TYPES = {"pdf", "jpeg", "png"}

services = load("services.json") or []
svc_codes: set[str] = set()
perizinan = 0
svc_per_org: dict[str, int] = {}
for i, s in enumerate(services):
    if not keys(f"services[{i}]", s, SVC_KEYS):
        continue
    where = f"service {s['code']}"
    if s["code"] in svc_codes:
        err(f"{where}: duplicate code")
    svc_codes.add(s["code"])
    if s["organisation"] not in org_codes:
        err(f"{where}: organisation {s['organisation']} does not exist")
    svc_per_org[s["organisation"]] = svc_per_org.get(s["organisation"], 0) + 1
    for k in ("name", "name_en", "keywords"):
        text(f"{where}.{k}", s[k])
    if s["kind"] not in ("perizinan", "nonperizinan"):
        err(f"{where}.kind unknown: {s['kind']}")
    perizinan += s["kind"] == "perizinan"
    if s["category"] not in ("administratif", "barang", "jasa"):
        err(f"{where}.category unknown: {s['category']}")
    if not s["modes"] or not set(s["modes"]) <= MODES or len(set(s["modes"])) != len(s["modes"]):
        err(f"{where}.modes invalid: {s['modes']}")
    if not re.fullmatch(r"[A-Z]{1,2}", s["ticket_prefix"]):
        err(f"{where}.ticket_prefix must be 1-2 capital letters")
    date(f"{where}.effective_from", s["effective_from"])
    st = s["standard"]
    if not keys(f"{where}.standard", st, STD_KEYS):
        continue
    for k in STD_TEXT:
        text(f"{where}.standard.{k}", st[k])
    if not st["legal_basis"]:
        err(f"{where}: no legal basis")
    for j, lb in enumerate(st["legal_basis"]):
        text(f"{where}.legal_basis[{j}]", lb)
    if not st["requirements"]:
        err(f"{where}: no requirements")
    for r in st["requirements"]:
        if keys(f"{where}.requirement", r, {"name", "required", "file_types", "note"}):
            text(f"{where}.requirement.name", r["name"])
            if not isinstance(r["required"], bool):
                err(f"{where}.requirement {r['name']}: required must be true/false")
            if not r["file_types"] or not set(r["file_types"]) <= FILE_TYPES:
                err(f"{where}.requirement {r['name']}: file types {r['file_types']}")
            if not isinstance(r["note"], str):
                err(f"{where}.requirement {r['name']}: note must be text")
    if not st["procedure"]:
        err(f"{where}: no procedure")
    for p in st["procedure"]:
        if keys(f"{where}.procedure step", p, {"title", "description"}):
            text(f"{where}.procedure.title", p["title"])
            text(f"{where}.procedure.description", p["description"])
    ct = st["completion_time"]
    if keys(f"{where}.completion_time", ct, {"value", "unit"}):
        if ct["unit"] not in UNITS or not isinstance(ct["value"], int) or ct["value"] <= 0:
            err(f"{where}.completion_time invalid: {ct}")
    for f in st["fees"]:
        if keys(f"{where}.fee", f, {"item", "amount", "legal_basis"}):
            text(f"{where}.fee.item", f["item"])
            text(f"{where}.fee.legal_basis", f["legal_basis"])
            if not isinstance(f["amount"], int) or isinstance(f["amount"], bool) or f["amount"] <= 0:
                err(f"{where}.fee {f['item']}: amount must be a positive whole rupiah number")
    if not isinstance(st["officer_count"], int) or st["officer_count"] <= 0:
        err(f"{where}.officer_count must be a positive integer")

# Queue tickets are shown mall-wide ("A-012"), so a prefix must not be shared by two organisations.
prefix_owner: dict[str, str] = {}
for s in services:
    if isinstance(s, dict) and "ticket_prefix" in s and "organisation" in s:
        owner = prefix_owner.setdefault(s["ticket_prefix"], s["organisation"])
        if owner != s["organisation"]:
            err(f"ticket prefix {s['ticket_prefix']} used by both {owner} and {s['organisation']}")

if len(services) < 32:
    err(f"only {len(services)} services, expected at least 32")
if perizinan < 8:
    err(f"only {perizinan} perizinan services, expected at least 8")
for code in org_codes:
    if code not in svc_per_org:
        err(f"organisation {code} offers no service")

# ------------------------------------------------------------------ users
ROLES = {"warga", "petugas", "tim_teknis", "pejabat", "pengelola_pengaduan", "admin_mpp", "pimpinan",
         "auditor"}
USER_KEYS = {"email", "name", "role", "organisation", "officer", "nik", "phone"}
users = load("users.json") or []
emails: set[str] = set()
for i, u in enumerate(users):
    if not keys(f"users[{i}]", u, USER_KEYS):
        continue
    where = f"user {u['email']}"
    if u["email"] in emails:
        err(f"{where}: duplicate e-mail")
    emails.add(u["email"])
    if "@" not in u["email"]:
        err(f"{where}: not an e-mail address")
    text(f"{where}.name", u["name"])
    if u["role"] not in ROLES:
        err(f"{where}: unknown role {u['role']}")
    if u["role"] == "warga":
        if u["organisation"] is not None or u["officer"] is not None:
            err(f"{where}: a citizen belongs to no organisation")
        check_nik(f"{where}.nik", u["nik"])
        phone(f"{where}.phone", u["phone"])
    else:
        if u["nik"] is not None:
            err(f"{where}: nik is only for the citizen account")
        if u["organisation"] not in org_codes:
            err(f"{where}: organisation {u['organisation']} does not exist")
        if u["officer"] is not None:
            if u["officer"] not in officers:
                err(f"{where}: officer {u['officer']} does not exist")
            elif officer_org[u["officer"]] != u["organisation"]:
                err(f"{where}: officer {u['officer']} is not in {u['organisation']}")
            elif officers[u["officer"]]["name"] != u["name"]:
                err(f"{where}: name differs from officer {u['officer']}")
        if u["phone"] is not None:
            phone(f"{where}.phone", u["phone"])
missing_roles = ROLES - {u.get("role") for u in users if isinstance(u, dict)}
if missing_roles:
    err(f"roles without a demo account: {sorted(missing_roles)}")
by_role = {u.get("role"): u for u in users if isinstance(u, dict)}
if "petugas" in by_role and by_role["petugas"].get("officer") in officers:
    if officers[by_role["petugas"]["officer"]]["counter"] is None:
        err("the petugas account must be a counter officer")
if "pejabat" in by_role and by_role["pejabat"].get("officer") != "dpmptsp-kadis":
    err("the pejabat account must be the head of DPMPTSP (Batang Pasal 11(4))")

# ------------------------------------------------------------------ announcements
ANN_KEYS = {"kind", "organisation", "title", "body", "activity", "person_in_charge", "period_start",
            "period_end", "complaint_channels", "published_on"}
anns = load("announcements.json") or []
if not 4 <= len(anns) <= 6:
    err(f"{len(anns)} announcements, expected 4-6")
repairs = 0
for i, a in enumerate(anns):
    if not keys(f"announcements[{i}]", a, ANN_KEYS):
        continue
    where = f"announcement {a['title']!r}"
    if a["kind"] not in ("perbaikan_sarana", "umum"):
        err(f"{where}: unknown kind {a['kind']}")
    if a["organisation"] is not None and a["organisation"] not in org_codes:
        err(f"{where}: organisation {a['organisation']} does not exist")
    for k in ("title", "body", "person_in_charge", "complaint_channels"):
        text(f"{where}.{k}", a[k])
    start = date(f"{where}.period_start", a["period_start"])
    end = date(f"{where}.period_end", a["period_end"])
    pub = date(f"{where}.published_on", a["published_on"])
    if start and end and end < start:
        err(f"{where}: period ends before it starts")
    if a["kind"] == "perbaikan_sarana":
        repairs += 1
        text(f"{where}.activity", a["activity"])
        # Seluma Pasal 28(3): repairs are announced at least 30 days ahead.
        if start and pub and (start - pub).days < 30:
            err(f"{where}: repair announced {(start - pub).days} days ahead, needs 30 (Seluma Pasal 28(3))")
    elif a["activity"] != "":
        err(f"{where}: activity is only for repairs")
if repairs == 0:
    err("no facility-repair announcement")

# ------------------------------------------------------------------ regulations
REG_KINDS = {"undang_undang", "peraturan_pemerintah", "peraturan_presiden", "peraturan_menteri",
             "peraturan_daerah", "peraturan_bupati", "keputusan"}
regs = load("regulations.json") or []
if not 10 <= len(regs) <= 14:
    err(f"{len(regs)} regulations, expected 10-14")
seen_regs = set()
for i, r in enumerate(regs):
    if not keys(f"regulations[{i}]", r, {"kind", "number", "year", "title", "subject"}):
        continue
    if r["kind"] not in REG_KINDS:
        err(f"regulation {r['title']}: unknown kind {r['kind']}")
    if not isinstance(r["year"], int) or not 1945 <= r["year"] <= 2100:
        err(f"regulation {r['title']}: bad year")
    text(f"regulations[{i}].number", r["number"])
    text(f"regulations[{i}].title", r["title"])
    text(f"regulations[{i}].subject", r["subject"])
    ident = (r["kind"], r["number"], r["year"], r["title"].split(" Nomor ")[0])
    if ident in seen_regs:
        err(f"regulation listed twice: {r['title']}")
    seen_regs.add(ident)
    if f"Nomor {r['number']} Tahun {r['year']}" not in r["title"]:
        err(f"regulation {r['title']}: title does not match number/year")

# ------------------------------------------------------------------ report
if ERRORS:
    print(f"{len(ERRORS)} problem(s):")
    for e in ERRORS:
        print(" -", e)
    sys.exit(1)

kinds = {}
for o in org_codes.values():
    kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
print("demo data OK")
print(f"  organisations: {len(org_codes)} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
print(f"  counters: {len(counter_owner)}, officers: {len(officers)}")
print(f"  services: {len(services)} ({perizinan} perizinan, {len(services) - perizinan} nonperizinan)")
print(f"  users: {len(users)}, announcements: {len(anns)}, regulations: {len(regs)}")
