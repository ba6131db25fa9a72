// Synovia's page behaviour, kept out of the templates: the Content-Security-Policy allows no
// inline scripts or event-handler attributes.
document.addEventListener("DOMContentLoaded", () => {
  // The language menu applies the choice at once; without JavaScript its button does.
  for (const select of document.querySelectorAll("select[data-submit-on-change]")) {
    select.addEventListener("change", () => select.form.submit());
  }
});
