#!/usr/bin/env python3
"""Compares two Couverture output folders table by table.

For every GeoPackage present in both folders, every SQLite table (feature
layers, attribute tables, raster tiles, styles, the stored QGIS project and
the GeoPackage metadata) is compared row by row, bytes for bytes, except
what legitimately differs between two runs: timestamps (gpkg_contents
last_change, layer_styles update_time, qgis_projects metadata, solver
seconds), the stage timings of run_info (keys starting "time_s:"), the
folders of input paths in run_info (only the file name is compared) and
the checksums of GeoPackage inputs (GDAL stamps their write time). R-tree shadow tables are
derived from the geometries and skipped. Other files (.qml, .csv, .toml,
.html) are compared bytes for bytes (in HTML &#39; and &apos; taken as one,
and GeoPackage checksums left out).

Prints one line per table ("same" or what differs) and exits 1 when
anything differs, 2 on usage errors.
"""
import os
import re
import sqlite3
import sys

IGNORED_COLUMNS = {
    "gpkg_contents": {"last_change"},
    "layer_styles": {"update_time"},
    "qgis_projects": {"metadata"},
    "gpkg_metadata_reference": {"timestamp"},
    "siting_solutions": {"seconds"},
}


def tables(db):
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'rtree_%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    return [r[0] for r in rows]


def run_info_rows(rows):
    """run_info without timings, with input paths reduced to file names and
    without the checksums of GeoPackage inputs (GDAL stamps their write
    time; the demo's are compared table by table as files of their own)."""
    values = {row[1]: row[2] for row in rows}
    kept = []
    for fid, key, value in rows:
        if key.startswith("time_s:"):
            continue
        if key.endswith("_sha256") and str(values.get(key[:-7] + "_file", "")).endswith(".gpkg"):
            continue
        if key.endswith("_file") and isinstance(value, str) and "/" in value:
            value = os.path.basename(value)
        kept.append((fid, key, value))
    return kept


def table_rows(db, table):
    columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
    kept = [c for c in columns if c not in IGNORED_COLUMNS.get(table, set())]
    select = ", ".join(f'"{c}"' for c in kept)
    order = "fid" if "fid" in columns else "rowid"
    rows = db.execute(f'SELECT {select} FROM "{table}" ORDER BY {order}').fetchall()
    if table == "run_info":
        rows = run_info_rows(rows)
    if table == "qgis_projects":
        # The project is a zipped .qgs; compare the project text, not the zip
        # (its entries carry modification times).
        import io
        import zipfile
        unzipped = []
        for name, content in rows:
            if isinstance(content, str):  # a plain .qgs
                unzipped.append((name, content))
                continue
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                unzipped.append((name, {n: archive.read(n) for n in sorted(archive.namelist())}))
        rows = unzipped
    return kept, rows


def compare_geopackage(path_a, path_b):
    a, b = sqlite3.connect(path_a), sqlite3.connect(path_b)
    differences = 0
    names_a, names_b = tables(a), tables(b)
    for name in sorted(set(names_a) | set(names_b)):
        if name not in names_a or name not in names_b:
            print(f"  {name}: only in {'first' if name in names_a else 'second'}")
            differences += 1
            continue
        columns_a, rows_a = table_rows(a, name)
        columns_b, rows_b = table_rows(b, name)
        if columns_a != columns_b:
            print(f"  {name}: columns differ: {sorted(set(columns_a) ^ set(columns_b)) or 'order'}")
            differences += 1
        elif rows_a != rows_b:
            first = next((i for i, (x, y) in enumerate(zip(rows_a, rows_b)) if x != y),
                         min(len(rows_a), len(rows_b)))
            print(f"  {name}: {len(rows_a)} vs {len(rows_b)} rows, first difference at row {first}")
            if first < min(len(rows_a), len(rows_b)):
                for column, x, y in zip(columns_a, rows_a[first], rows_b[first]):
                    if x != y:
                        print(f"    {column}: {str(x)[:100]!r} vs {str(y)[:100]!r}")
            differences += 1
        else:
            print(f"  {name}: same ({len(rows_a)} rows)")
    return differences


def main():
    if len(sys.argv) != 3:
        print("usage: compare_outputs.py FOLDER_A FOLDER_B", file=sys.stderr)
        return 2
    folder_a, folder_b = sys.argv[1], sys.argv[2]
    differences = 0
    for root, _, files in os.walk(folder_a):
        for file in sorted(files):
            path_a = os.path.join(root, file)
            relative = os.path.relpath(path_a, folder_a)
            path_b = os.path.join(folder_b, relative)
            if not os.path.exists(path_b):
                print(f"{relative}: missing in {folder_b}")
                differences += 1
            elif file.endswith(".gpkg"):
                print(f"{relative}:")
                differences += compare_geopackage(path_a, path_b)
            else:
                with open(path_a, "rb") as fa, open(path_b, "rb") as fb:
                    a, b = fa.read(), fb.read()
                if file.endswith(".html"):
                    # Two spellings of one apostrophe entity (the report
                    # wrote &#39; before it shared the XML escaping).
                    # The checksums of GeoPackage inputs carry GDAL's write
                    # stamps, as in run_info.
                    a, b = (re.sub(rb'(\.gpkg</td><td class="hash">)[0-9a-f]{64}', rb"\1-",
                                   x.replace(b"&#39;", b"&apos;")) for x in (a, b))
                same = a == b
                print(f"{relative}: {'same' if same else 'DIFFERENT'}")
                differences += 0 if same else 1
    print("identical" if differences == 0 else f"{differences} difference(s)")
    return 0 if differences == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
