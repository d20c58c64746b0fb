/* Accessibility repairs for markup that Django's admin creates in the browser (WCAG 2.1 AA).
 *
 * - select2 (Django's autocomplete fields): the combobox is named only by its current value,
 *   so an empty one has no name; it gets the field's label in front of its value. The search
 *   box of a multiple choice gets the label, and the "clear all" cross (mouse only, a <span>
 *   inside the list of choices) is hidden from assistive technology.
 * - SelectFilter2 (filter_horizontal): the search icon inside the label carries aria-label on a
 *   plain <span>; as role="img" the label is allowed and read.
 * - A tabular inline without any input (read-only rows) scrolls sideways on narrow screens and
 *   could not be reached with the keyboard; it becomes a named, focusable region.
 *
 * The repairs are idempotent and run again whenever the admin's scripts add markup.
 */
(function () {
  "use strict";

  function labelText(select) {
    if (!select) return "";
    if (select.id) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      if (label && label.textContent.trim()) return label.textContent.trim().replace(/:$/, "");
    }
    return select.getAttribute("aria-label") || "";
  }

  function repairSelect2(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT" || !select.id) return;
    var text = labelText(select);
    if (!text) return;
    var labelId = select.id + "-a11y-label";
    if (!document.getElementById(labelId)) {
      var hidden = document.createElement("span");
      hidden.id = labelId;
      hidden.hidden = true;
      hidden.textContent = text;
      container.parentNode.insertBefore(hidden, container.nextSibling);
    }
    var single = container.querySelector(".select2-selection--single");
    if (single) {
      var rendered = single.querySelector(".select2-selection__rendered");
      if (rendered && rendered.id) {
        single.setAttribute("aria-labelledby", labelId + " " + rendered.id);
        rendered.setAttribute("aria-labelledby", labelId);
      }
    }
    var multiple = container.querySelector(".select2-selection--multiple");
    if (multiple) {
      multiple.setAttribute("aria-labelledby", labelId);
      var search = multiple.querySelector(".select2-search__field");
      if (search && !search.hasAttribute("aria-labelledby")) search.setAttribute("aria-labelledby", labelId);
      multiple.querySelectorAll(".select2-selection__clear").forEach(function (cross) {
        cross.setAttribute("aria-hidden", "true");
      });
    }
  }

  var FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]";

  function repairInlineGroup(group) {
    if (group.hasAttribute("tabindex") || group.querySelector(FOCUSABLE)) return;
    var heading = group.querySelector("h2[id]");
    group.setAttribute("tabindex", "0");
    group.setAttribute("role", "region");
    if (heading) group.setAttribute("aria-labelledby", heading.id);
  }

  function repair() {
    document.querySelectorAll(".select2.select2-container").forEach(repairSelect2);
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    document.querySelectorAll('.inline-group[data-inline-type="tabular"]').forEach(repairInlineGroup);
  }

  repair();
  // Mutation callbacks run as microtasks right after the script that changed the page, so the
  // repairs are in place before anyone can interact; our own insertions end in a no-op pass.
  new MutationObserver(repair).observe(document.body, { childList: true, subtree: true });
})();
