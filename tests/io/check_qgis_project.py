"""Opens the QGIS project stored in a GeoPackage, headless, and checks it.

Usage: check_qgis_project.py FILE.gpkg OUT.png [EXPECTED_RASTER ...]
Checks that every layer is valid and styled (no default renderer), that
groups hold facilities above isochrones above communes, that exactly one
group is visible, then renders the visible layers to OUT.png and checks the
image is a map (not blank). Exits non-zero naming every failure.
"""
import os
import sys

from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsProject,
                       QgsRasterLayer, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def main() -> int:
    path, png = os.path.abspath(sys.argv[1]), sys.argv[2]
    rasters = set(sys.argv[3:])
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    failures = []
    project = QgsProject.instance()
    if not project.read(f"geopackage:{path}?projectName=couverture"):
        failures.append("QGIS cannot read the project stored in the GeoPackage")
    layers = project.mapLayers().values()
    if not layers:
        failures.append("the project has no layer")
    seen_rasters = set()
    for layer in layers:
        if not layer.isValid():
            failures.append(f"{layer.name()} ({layer.source()}): not valid")
            continue
        if isinstance(layer, QgsVectorLayer):
            renderer = layer.renderer()
            if renderer is None:
                failures.append(f"{layer.name()}: no renderer")
            elif layer.name().startswith("Communes") and renderer.type() != "graduatedSymbol":
                failures.append(f"{layer.name()}: renderer {renderer.type()}, not graduated")
            if layer.crs().authid() != "EPSG:2154":
                failures.append(f"{layer.name()}: CRS {layer.crs().authid()}")
        elif isinstance(layer, QgsRasterLayer):
            seen_rasters.add(layer.source().split(":")[-1])
            if layer.renderer() is None or layer.renderer().type() != "singlebandpseudocolor":
                failures.append(f"{layer.name()}: raster not styled")
    if rasters - seen_rasters:
        failures.append(f"rasters missing from the project: {sorted(rasters - seen_rasters)}")
    root = project.layerTreeRoot()
    groups = root.findGroups()
    visible = [g for g in groups if g.isVisible()]
    if len(visible) != 1:
        failures.append(f"{len(visible)} groups visible, expected one")
    for group in groups:
        names = [child.layer().providerType() + ":" + child.layer().source().split("layername=")[-1]
                 for child in group.findLayers()]
        tables = [n.split(":", 1)[1].split("|")[0] for n in names]
        if "facilities" in tables and "communes" in tables:
            order = [t for t in tables if t in ("facilities", "service_isochrones", "communes")]
            if order != sorted(order, key=["facilities", "service_isochrones", "communes"].index):
                failures.append(f"group {group.name()}: order {order}")
    settings = QgsMapSettings()
    settings.setLayers(root.checkedLayers())
    settings.setDestinationCrs(project.crs())
    extent = None
    for layer in root.checkedLayers():
        if layer.name().startswith("Communes"):
            extent = layer.extent()
    if extent is None and root.checkedLayers():
        extent = root.checkedLayers()[0].extent()
    settings.setExtent(extent)
    settings.setOutputSize(QSize(600, 600))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(png)
    inked = 0
    colours = set()
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            c = image.pixelColor(x, y)
            colours.add((c.red(), c.green(), c.blue()))
            if not (c.red() > 240 and c.green() > 240 and c.blue() > 240):
                inked += 1
    share = inked / ((image.height() // 3 + 1) * (image.width() // 3 + 1))
    if share < 0.2 or len(colours) < 10:
        failures.append(f"rendered map looks blank: {share:.0%} inked, {len(colours)} colours")
    del job
    project.clear()
    app.exitQgis()
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
