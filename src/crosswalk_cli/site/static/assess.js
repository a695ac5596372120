// The self-assessment form: on "Save answers file", write the answers as the YAML `crosswalk assess take`
// writes (respondent, date, answers: item code -> rating code) and hand it to the browser as a download.
// Works from file:// and from any static host; nothing is sent anywhere.
"use strict";
(function () {
  function quoted(text) {  // a YAML double-quoted scalar that reads back as text
    return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(
      /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g,
      function (c) { return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"); }) + '"';
  }
  function answersFile(form, meta) {
    var lines = ["# " + meta.title.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ") + " answers (filled in on the crosswalk site).",
                 "# Ratings: " + meta.ratings.join(", ")];
    var who = form.respondent.value.trim(), when = form.date.value.trim();
    if (who) lines.push("respondent: " + quoted(who));
    if (when) lines.push("date: " + quoted(when));
    var answers = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (r) { answers[r.dataset.item] = r.value; });
    var given = meta.order.filter(function (item) { return item in answers; });
    lines.push("answers:" + (given.length ? "" : " {}"));
    given.forEach(function (item) { lines.push("  " + quoted(item) + ": " + quoted(answers[item])); });
    return { text: lines.join("\n") + "\n", count: given.length };
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("assess-form");
    var meta = JSON.parse(document.getElementById("survey-meta").textContent);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var made = answersFile(form, meta);
      var url = URL.createObjectURL(new Blob([made.text], { type: "application/x-yaml" }));
      var a = document.createElement("a");
      a.href = url; a.download = "self-assessment.yaml";
      document.body.append(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      document.getElementById("saved").textContent = "Saved self-assessment.yaml with " + made.count + " of " +
        meta.order.length + " statements answered.";
    });
  });
})();
