// The visit form's joint homunculus: tapping a joint toggles its checkbox, which stays the record.
// Without this script the diagrams stay hidden and the checkbox list is the whole form.
(function () {
  "use strict";

  function setUp(figure) {
    var form = figure.closest("form");
    var boxes = {};
    form.querySelectorAll('input[type=checkbox][name="' + figure.dataset.field + '"]').forEach(function (box) {
      boxes[box.value] = box;
    });
    var circles = figure.querySelectorAll("circle.joint");

    function refresh() {
      var count = 0;
      var count28 = 0;
      circles.forEach(function (circle) {
        var box = boxes[circle.dataset.joint];
        var marked = Boolean(box && box.checked);
        circle.classList.toggle("is-marked", marked);
        circle.setAttribute("aria-checked", marked ? "true" : "false");
        if (marked) {
          count += 1;
          if (circle.hasAttribute("data-in28")) count28 += 1;
        }
      });
      figure.querySelector("[data-count]").textContent = String(count);
      figure.querySelector("[data-count28]").textContent = String(count28);
    }

    function toggle(circle) {
      var box = boxes[circle.dataset.joint];
      if (!box) return;
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }

    circles.forEach(function (circle) {
      circle.addEventListener("click", function () { toggle(circle); });
      circle.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          toggle(circle);
        }
      });
    });
    Object.keys(boxes).forEach(function (joint) { boxes[joint].addEventListener("change", refresh); });
    refresh();
  }

  function start() {
    document.querySelectorAll("[data-homunculus]").forEach(function (diagrams) {
      diagrams.querySelectorAll("figure[data-field]").forEach(setUp);
      diagrams.hidden = false;
      var list = diagrams.parentElement.querySelector("[data-joint-boxes]");
      if (list && !list.querySelector(".errorlist")) list.open = false;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
