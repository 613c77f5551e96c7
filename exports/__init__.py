"""RDF → files users open: Turtle, the HTML network view, and the command line.

Exporters only read the graph. The command line (exports.cli) is the
outermost layer, a thin shell over extract, graph and exports.
"""
