"""The words of the network diagram: its title, the label of the frame around the layer
being computed, its caption and the numbers on its colour scales."""


def number(value):
    """A scale's end as a short number: 0.031, 2.4e-05."""
    return f"{value:.2g}"


def phase_headline(picture, example):
    """The title of the diagram for a DiagramPicture: what is being computed, for whom."""
    l = picture.layer
    if not picture.in_batch:
        whose = f"example #{example} is not in this batch"
    else:
        whose = f"nodes: {picture.node_symbol} of example #{example}"
    if picture.mode == "forward":
        return f"Forward, layer {l}: computing A[{l}] ({whose})"
    if picture.mode == "cost":
        J = "" if picture.cost is None else f" J = {picture.cost:.4g}"
        return f"Cost:{J} from A[{l}] ({whose})"
    if picture.mode == "backward":
        return f"Backward, layer {l}: computing dZ[{l}], dW[{l}] ({whose}; edges: dW)"
    if picture.mode == "update":
        return "Update: every W[l] takes the step \u2212\u03b1 dW[l] (edges)"
    return f"Network: weights, and the activations of training example #{example}"


def band_text(picture):
    """The words on the frame around the layer being computed."""
    l = picture.layer
    return {"forward": f"\u25b6 A[{l}]", "cost": "\u25b6 J",
            "backward": f"\u25c0 dZ[{l}], dW[{l}]",
            "update": "\u25b6 W \u2212 \u03b1 dW"}.get(picture.mode, "")


def caption_text(picture, example):
    """The caption under the diagram: what its colours mean now."""
    missing = ""
    if picture.stepping and not picture.in_batch and picture.node_symbol != "none":
        missing = (f"<b>Example #{example} is not in this update's batch</b>, so its "
                   "nodes are not coloured; the edges are. ")
    if picture.mode == "weights":
        return ("Edges: orange w > 0, blue w < 0, grey w = 0, thicker = larger |w| "
                "(relative to the largest |w| now). Nodes: activations of the "
                "selected example. Hover a node or an edge for its values.")
    if picture.mode in ("forward", "cost"):
        return missing + ("Nodes: the example's activations a (grey: not computed yet "
                          "in this update). Edges: the weights, orange > 0, blue < 0.")
    if picture.mode == "backward":
        return missing + ("Nodes: dZ of the example, edges: dW of the batch, each on "
                          "its own scale above (white = 0; grey: not computed yet).")
    return ("Edges: the step \u2212\u03b1 dW each weight takes now (orange: it grows, "
            "blue: it shrinks); thicker = a larger step. Nodes are not used by this phase.")
