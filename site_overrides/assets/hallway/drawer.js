/* The phone menu drawer of a flat navigation (hallway/drawer.html): its links are the tabs' links,
   copied here rather than written into every page twice (issue 16: page weight). Material's markup
   and classes, so the drawer looks and works as Material's own. */
(function () {
  "use strict";
  var drawer = document.querySelector("[data-hw-drawer]");
  var list = drawer && drawer.querySelector(".md-nav__list");
  if (!list || list.children.length) return;
  var logo = document.querySelector(".md-header__button.md-logo");
  var title = drawer.querySelector(".md-nav__title");
  if (logo && title) {
    var copy = logo.cloneNode(true);
    copy.className = "md-nav__button md-logo";
    title.insertBefore(copy, title.firstChild);
  }
  var source = document.querySelector(".md-header__source > a");
  if (source) {
    var box = document.createElement("div");
    box.className = "md-nav__source";
    box.appendChild(source.cloneNode(true));
    list.parentNode.insertBefore(box, list);
  }
  var tabs = document.querySelectorAll(".md-tabs__item");
  for (var i = 0; i < tabs.length; i++) {
    var tab = tabs[i].querySelector("a");
    if (!tab) continue;
    var active = tabs[i].classList.contains("md-tabs__item--active");
    var item = document.createElement("li");
    item.className = "md-nav__item" + (active ? " md-nav__item--active" : "");
    var link = document.createElement("a");
    link.className = "md-nav__link" + (active ? " md-nav__link--active" : "");
    link.href = tab.href;
    var text = document.createElement("span");
    text.className = "md-ellipsis";
    text.textContent = tab.textContent.trim();
    link.appendChild(text);
    item.appendChild(link);
    list.appendChild(item);
  }
})();
