"""`samensterk benchmark`: what people feel, measured on synthetic data against in-run baselines.

data.py makes the data, suite.py the figures of the staff pages, the public form, figures that
leave the organisation and imports; processes.py those of whole processes (a web worker's
memory, a command's start). Sits above every other app: it uses them all.
"""
