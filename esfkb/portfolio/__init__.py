"""The portfolio: one model of its figures (:mod:`.figures`), rendered by ``esfkb report`` (:mod:`.report`)
and by the site's dashboard."""
