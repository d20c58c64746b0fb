// The article editor's step picker (knowledge/includes/_step_picker.html): searches steps as one
// types, through the JSON endpoint knowledge:step_search, and lists them as unticked boxes named
// "steps". Without this script the picker's search button does the same with a round trip.
// Linked steps are ticked boxes that this script never touches, so no search drops a link.
(function () {
  "use strict";

  const picker = document.querySelector("[data-step-picker]");
  if (!picker || !window.fetch) {
    return;
  }
  const query = picker.querySelector("[data-step-query]");
  const button = picker.querySelector("[data-step-search]");
  const found = picker.querySelector("[data-step-found]");
  const status = picker.querySelector("[data-step-status]");
  let timer = null;
  let controller = null;

  function boxes() {
    return Array.from(picker.querySelectorAll('input[name="steps"]'));
  }

  function item(step) {
    const li = document.createElement("li");
    const wrapper = document.createElement("div");
    wrapper.className = "kern-form-check pdb-check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.className = "kern-form-check__checkbox";
    box.name = "steps";
    box.value = String(step.id);
    box.id = "gefunden-" + step.id;
    const labelWrapper = document.createElement("div");
    const label = document.createElement("label");
    label.className = "kern-label";
    label.htmlFor = box.id;
    label.textContent = step.label;
    labelWrapper.appendChild(label);
    wrapper.appendChild(box);
    wrapper.appendChild(labelWrapper);
    li.appendChild(wrapper);
    return li;
  }

  function show(data) {
    // Ticked results stay; unticked ones make room for the new results.
    for (const box of Array.from(found.querySelectorAll('input[name="steps"]'))) {
      if (!box.checked) {
        box.closest("li").remove();
      }
    }
    const present = new Set(boxes().map((box) => box.value));
    const fresh = data.results.filter((step) => !present.has(String(step.id)));
    for (const step of fresh) {
      found.appendChild(item(step));
    }
    let text = picker.dataset.textNone;
    if (fresh.length === 1) {
      text = picker.dataset.textOne;
    } else if (fresh.length > 1) {
      text = picker.dataset.textMany.replace("{count}", String(fresh.length));
    }
    if (data.more) {
      text += " " + picker.dataset.textMore;
    }
    status.textContent = text;
  }

  function search() {
    const words = query.value.trim();
    if (controller) {
      controller.abort();
    }
    if (!words) {
      status.textContent = "";
      return;
    }
    controller = new AbortController();
    const url = new URL(picker.dataset.searchUrl, window.location.href);
    url.searchParams.set("q", words);
    // Steps already in the picker (linked or ticked) are not offered again.
    for (const box of boxes()) {
      if (box.checked) {
        url.searchParams.append("ohne", box.value);
      }
    }
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: controller.signal })
      .then((response) => {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(show)
      .catch((error) => {
        if (error.name !== "AbortError") {
          status.textContent = picker.dataset.textFailed;
        }
      });
  }

  query.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 300);
  });
  // Enter in the search field searches here instead of sending the whole form.
  query.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      window.clearTimeout(timer);
      search();
    }
  });
  button.addEventListener("click", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    search();
  });
})();
