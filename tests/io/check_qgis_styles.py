"""Opens a GeoPackage in headless QGIS and checks each layer's default style.

Usage: check_qgis_styles.py FILE.gpkg OUT_DIR layer=rendererType ...
A layer named raster:NAME is the GeoPackage's raster table NAME (its style
comes from the .qml beside the file). Exits non-zero with a message on the
first failed expectation; renders each layer to OUT_DIR/<layer>.png so a
person can look at it, and fails when a rendering is blank.
"""
import os
import sys

from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings,
                       QgsRasterLayer, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize


def main() -> int:
    path, out_dir = sys.argv[1], sys.argv[2]
    expected = dict(arg.split("=", 1) for arg in sys.argv[3:])
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    failures = []
    for name, renderer_type in expected.items():
        if name.startswith("raster:"):
            name = name[len("raster:"):]
            layer = QgsRasterLayer(f"GPKG:{path}:{name}", name, "gdal")
        else:
            layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if not layer.isValid():
            failures.append(f"{name}: QGIS cannot load the layer")
            continue
        if layer.crs().authid() != "EPSG:2154":
            failures.append(f"{name}: CRS {layer.crs().authid()}, expected EPSG:2154")
        actual = layer.renderer().type() if layer.renderer() else None
        if actual != renderer_type:
            failures.append(f"{name}: renderer {actual}, expected {renderer_type} "
                            "(default style from layer_styles not applied?)")
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(layer.crs())
        extent = layer.extent()
        extent.grow(max(extent.width(), extent.height(), 100.0) * 0.1)
        settings.setExtent(extent)
        settings.setOutputSize(QSize(400, 400))
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        if not image.save(os.path.join(out_dir, f"{name}.png")):
            failures.append(f"{name}: cannot save the rendered image")
        colours = {image.pixel(x, y) for x in range(0, image.width(), 8)
                   for y in range(0, image.height(), 8)}
        if len(colours) < 2:
            failures.append(f"{name}: the rendering is blank")
        del job
        del layer
    app.exitQgis()
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
