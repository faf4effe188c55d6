"""Opens one layer of a GeoPackage in headless QGIS and checks the labels it shows.

Usage: check_qgis_aliases.py FILE.gpkg LAYER field=label ...
Exits non-zero naming every field whose displayed name differs.
"""
import sys

from qgis.core import QgsApplication, QgsVectorLayer


def main() -> int:
    path, name = sys.argv[1], sys.argv[2]
    expected = dict(arg.split("=", 1) for arg in sys.argv[3:])
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    failures = []
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not layer.isValid():
        failures.append(f"{name}: QGIS cannot load the layer")
    else:
        fields = layer.fields()
        for field, label in expected.items():
            index = fields.indexOf(field)
            shown = layer.attributeDisplayName(index) if index >= 0 else None
            if shown != label:
                failures.append(f"{name}.{field}: QGIS shows {shown!r}, expected {label!r}")
    del layer
    app.exitQgis()
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
