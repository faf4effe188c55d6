"""Opens a GeoPackage in headless QGIS and checks each layer's default style.

Usage: check_qgis_styles.py FILE.gpkg OUT_DIR layer=rendererType ...
Exits non-zero with a message on the first failed expectation; renders each
layer to OUT_DIR/<layer>.png so a person can look at it.
"""
import os
import sys

from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize


def main() -> int:
    path, out_dir = sys.argv[1], sys.argv[2]
    expected = dict(arg.split("=", 1) for arg in sys.argv[3:])
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    failures = []
    for name, renderer_type in expected.items():
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
        if not job.renderedImage().save(os.path.join(out_dir, f"{name}.png")):
            failures.append(f"{name}: cannot save the rendered image")
        del job
        del layer
    app.exitQgis()
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
