/*
 * Admin: "up" and "down" buttons for the steps inline of a process.
 * They swap the position numbers of neighbouring rows and move the rows, so the
 * order can be changed without typing numbers. Saving still goes through the
 * server-side check; without JavaScript the numbers can be edited directly.
 */
(function () {
  "use strict";

  function rows(tbody) {
    return Array.from(tbody.querySelectorAll("tr.form-row.has_original, tr.form-row.dynamic-steps"))
      .filter(function (row) { return row.querySelector("input.step-position"); });
  }

  function swap(row, other) {
    var a = row.querySelector("input.step-position");
    var b = other.querySelector("input.step-position");
    var value = a.value;
    a.value = b.value;
    b.value = value;
    a.dispatchEvent(new Event("change", { bubbles: true }));
    b.dispatchEvent(new Event("change", { bubbles: true }));
    renumberCaption(row, a.value);
    renumberCaption(other, b.value);
  }

  // The row's caption ("3. Antrag prüfen") follows the new number, so it never contradicts it.
  function renumberCaption(row, position) {
    var caption = row.querySelector("td.original p");
    var text = caption && caption.firstChild;
    if (text && text.nodeType === Node.TEXT_NODE) {
      text.nodeValue = text.nodeValue.replace(/^\s*\d+\./, position + ".");
    }
  }

  // The first step cannot move up nor the last down: say so instead of doing nothing.
  function markEdges(tbody) {
    var list = rows(tbody);
    list.forEach(function (row, index) {
      row.querySelector("button.step-up").setAttribute("aria-disabled", index === 0 ? "true" : "false");
      row.querySelector("button.step-down").setAttribute("aria-disabled", index === list.length - 1 ? "true" : "false");
    });
  }

  function move(row, direction) {
    var tbody = row.parentNode;
    var list = rows(tbody);
    var index = list.indexOf(row);
    var target = list[index + direction];
    if (!target) { return; }  // an edge button (aria-disabled)
    swap(row, target);
    if (direction < 0) {
      tbody.insertBefore(row, target);
    } else {
      tbody.insertBefore(target, row);
    }
    markEdges(tbody);
    row.querySelector(direction < 0 ? "button.step-up" : "button.step-down").focus();
  }

  function button(label, className, direction) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "step-order-button " + className;
    element.textContent = direction < 0 ? "▲" : "▼";
    element.setAttribute("aria-label", label);
    element.title = label;
    element.addEventListener("click", function (event) {
      move(event.currentTarget.closest("tr"), direction);
    });
    return element;
  }

  function enhance() {
    document.querySelectorAll("input.step-position").forEach(function (input) {
      if (input.dataset.enhanced) { return; }
      input.dataset.enhanced = "1";
      var holder = document.createElement("span");
      holder.className = "step-order";
      var title = input.closest("tr").querySelector("td.field-title input");
      var name = title && title.value ? title.value : "";
      holder.appendChild(button("Schritt nach oben " + name, "step-up", -1));
      holder.appendChild(button("Schritt nach unten " + name, "step-down", 1));
      input.insertAdjacentElement("afterend", holder);
    });
    document.querySelectorAll("input.step-position").forEach(function (input) {
      markEdges(input.closest("tbody"));
    });
  }

  document.addEventListener("DOMContentLoaded", enhance);
  document.addEventListener("formset:added", enhance);
})();
