/*
 * Loaded before the page is drawn (not deferred): marks the page as scripted so that the
 * narrow-screen menu is drawn folded at once, instead of open and then folded when
 * site.js runs (a layout shift). Without scripts the menu simply stays open.
 */
document.documentElement.classList.add("has-menu-toggle");
