"""The sizes the app offers, in one place: the Build widgets, the Train page and links read them.

core itself accepts larger networks (a saved JSON may hold one); these are what a page can draw
and step at a speed that feels instant.
"""

MAX_INPUTS = 8  # n⁽⁰⁾
MAX_HIDDEN_LAYERS = 8  # L − 1
MAX_NEURONS = 32  # n⁽ᵏ⁾ of a hidden layer
MAX_OUTPUTS = 10  # n⁽ᴸ⁾
MAX_EXAMPLES = 2000  # m of a generated data set (Train page); the Build page offers up to 500
