/* The chat without reloads (each turn is still a form post), the chat so far as bubbles
   kept in this page's memory only (a shared phone must not keep them), and "Read it to me".
   The quick exit (exit.js) always wins. Words: data-* on #chat-words (templates/base.html). */
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  if (!doc.querySelector || !"".trim || !doc.getElementById("chat-words")) return;
  var speech = window.speechSynthesis;
  var past = []; // the turns so far: {node: id, items: [<li>]}
  var list = null;
  var busy = 0; // when the post in flight began
  var left = false; // handed over to a normal navigation
  var run = 0; // which reading is current
  var reader = null;
  var reading = false;
  var here = bare(location.href);
  var news = null; // a polite live region: the bot's new words after an answer
  var telling = 0;

  function $(selector, scope) { return (scope || doc).querySelector(selector); }
  function all(selector, scope) { return (scope || doc).querySelectorAll(selector); }
  function main() { return doc.getElementById("main"); }
  function exiting() { return /\bexiting\b/.test(root.className); }
  function bare(url) { return url.split("#")[0]; }
  function word(name) { return $("#chat-words").getAttribute("data-" + name); }
  function drop(node) { if (node && node.parentNode) node.parentNode.removeChild(node); }

  // Screen readers hear the bot's new words once: here, while focus is on the child's answer.
  function tell(words) {
    clearTimeout(telling);
    if (!news) return;
    news.textContent = "";
    if (words) {
      telling = setTimeout(function () {
        if (!exiting()) news.textContent = words;
      }, 150); // after the focus move is announced; emptied first, so a repeat is heard
    }
  }

  // The words on screen, without those only for screen readers.
  function seen(element) {
    var copy = element.cloneNode(true);
    var hidden = all(".visually-hidden", copy);
    for (var i = 0; i < hidden.length; i++) drop(hidden[i]);
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function label(name) {
    if (reader) reader.lastChild.textContent = word(name);
  }

  function hush() {
    run += 1;
    reading = false;
    if (speech) speech.cancel();
    label("read-aloud");
  }

  function read() {
    if (reading) return hush();
    hush();
    var mine = run;
    var parts = all(".bubble--bot, .hint, .notice, .option__label, .checkbox__label", $(".chat", main()));
    function done() {
      if (mine === run) hush();
    }
    reading = true;
    label("stop-reading");
    for (var i = 0; i < parts.length; i++) {
      var utterance = new window.SpeechSynthesisUtterance(seen(parts[i]));
      utterance.lang = root.lang;
      if (i === parts.length - 1) utterance.onend = utterance.onerror = done;
      speech.speak(utterance);
    }
  }

  // The button is in the page, invisible but keeping its place: show it if speech works.
  function addReader(scope) {
    var chat = $(".chat", scope);
    reader = $(".read-aloud", scope);
    if (!reader) return;
    if (!speech || !window.SpeechSynthesisUtterance || !chat || !$(".bubble--bot", chat)) {
      reader = null;
      return;
    }
    label("read-aloud");
    reader.onclick = read;
    reader.hidden = false;
  }

  function bubble(kind, words, hidden) {
    var li = doc.createElement("li");
    li.className = "bubble bubble--" + kind;
    if (hidden) li.appendChild(hidden.cloneNode(true));
    li.appendChild(doc.createTextNode(words));
    if (kind === "child") { // heard when focus comes here after the answer
      var yours = li.appendChild(doc.createElement("span"));
      yours.className = "visually-hidden";
      yours.textContent = " " + word("your-answer");
    }
    return li;
  }

  // One turn for the bubbles: what the bot said, and what the child answered.
  function note(form, button) {
    var items = [];
    var said = "";
    var bubbles = all(".bubble--bot", form);
    for (var i = 0; i < bubbles.length; i++) {
      items.push(bubble("bot", seen(bubbles[i]), $(".visually-hidden", bubbles[i])));
    }
    if (button.name === "answer" || button.value === "skip") {
      said = seen($(".option__label", button) || button);
    } else {
      var ticked = all("input[name=answer]:checked", form);
      var names = [];
      for (var j = 0; j < ticked.length; j++) names.push(seen(ticked[j].parentNode));
      said = names.join(", ") || (form.elements.text ? form.elements.text.value : "");
    }
    if (said.trim()) items.push(bubble("child", said.trim()));
    return {node: form.elements.node.value, items: items};
  }

  function draw(scope) {
    drop(list);
    if (!past.length || !$(".turn", scope)) return;
    list = doc.createElement("ol");
    list.className = "history";
    list.setAttribute("role", "list"); // Safari drops the role when list-style is none
    for (var i = 0; i < past.length; i++) {
      for (var j = 0; j < past[i].items.length; j++) list.appendChild(past[i].items[j]);
    }
    scope.insertBefore(list, scope.firstChild);
  }

  function swap(html, response, turn) {
    var fresh = new window.DOMParser().parseFromString(html, "text/html");
    var content = $("main", fresh);
    if (!content) return false;
    hush();
    var m = main();
    m.innerHTML = content.innerHTML;
    var footer = $("footer");
    var links = $("footer", fresh); // the language links lead to this page
    if (footer && links) footer.parentNode.replaceChild(doc.importNode(links, true), footer);
    doc.title = fresh.title;
    root.lang = fresh.documentElement.lang;
    root.dir = fresh.documentElement.dir;

    var node = $("input[name=node]", m);
    if (node || $("form[action$='/carry-on']", m)) {
      if (turn) past.push(turn);
      for (var j = 0; node && j < past.length; j++) {
        if (past[j].node === node.value) past.length = j; // back, or changing an answer
      }
    } else {
      past = []; // stopped, sent, lost or out of date
    }
    draw(m);
    addReader(m);

    // After an answer, focus goes to it (the last bubble) and the live region reads out the
    // bot's new words. Otherwise focus goes to the new heading (or what went wrong), which
    // a screen reader reads out itself: each is said once. All in view below the sticky bar.
    var error = $(".error-summary", m);
    var heading = $("h1", m);
    var answered = !error && turn && past[past.length - 1] === turn && list && list.parentNode;
    var mine = answered && /\bbubble--child\b/.test(list.lastChild.className) ? list.lastChild : null;
    var target = error || mine || heading || m;
    var words = [];
    var arriving = all(".turn .bubble--bot", m);
    for (var k = 0; k < arriving.length; k++) {
      arriving[k].className += " bubble--new";
      if (mine) words.push(arriving[k].textContent.replace(/\s+/g, " ").trim());
    }
    tell(words.join(" "));
    target.setAttribute("tabindex", "-1");
    target.focus({preventScroll: true});
    if (list && list.parentNode) {
      past[past.length - 1].items[0].scrollIntoView(true); // the last turn too, if it fits
      var last = (mine && heading) || target; // after an answer, the new question too
      if (last.getBoundingClientRect().bottom > window.innerHeight) target.scrollIntoView(true);
    } else {
      window.scrollTo(0, 0);
    }
    if (response.redirected) history.pushState(null, "", response.url);
    else history.replaceState(null, "", location.href); // a page for the post: stay put
    here = bare(location.href);
    return true;
  }

  function plain(form, button) {
    if (exiting() || left) return;
    left = true;
    if (button && button.name) {
      var input = form.appendChild(doc.createElement("input"));
      input.type = "hidden";
      input.name = button.name;
      input.value = button.value;
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  function send(event) {
    var form = event.target;
    var link = doc.createElement("a");
    link.href = form.getAttribute("action") || ""; // not form.action: a button is named so
    var action = link.href;
    var origin = location.protocol + "//" + location.host + "/";
    if (action.indexOf(origin + "c/") || !/^post$/i.test(form.getAttribute("method"))) return;
    var button = event.submitter;
    if (exiting()) return event.preventDefault();
    if (!button) return; // an older browser: the plain post
    if (busy) {
      // Soon after the first tap it is a double tap; later, go the way without JavaScript.
      if (new Date() - busy < 3000 || left) event.preventDefault();
      else left = true;
      return;
    }
    event.preventDefault();
    var data = new window.FormData(form);
    if (button.name) data.append(button.name, button.value);
    var turn = /\bturn\b/.test(form.className) ? note(form, button) : null;
    busy = new Date();
    window
      .fetch(action, {method: "POST", body: data, credentials: "same-origin", redirect: "follow"})
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!/^text\/html/.test(type) || response.url.indexOf(origin)) throw response;
        return response.text().then(function (html) {
          busy = 0;
          if (!exiting() && !left && !swap(html, response, turn)) plain(form, button);
        });
      })
      ["catch"](function () {
        busy = 0;
        plain(form, button);
      });
  }

  if (window.fetch && window.FormData && window.DOMParser && history.pushState) {
    news = doc.createElement("div");
    news.className = "visually-hidden";
    news.id = "chat-news";
    news.setAttribute("aria-live", "polite");
    news.setAttribute("aria-atomic", "true");
    doc.body.appendChild(news);
    doc.addEventListener("submit", send);
    // Back or Forward to another of the chat's addresses: load it afresh.
    window.addEventListener("popstate", function () {
      if (bare(location.href) !== here) location.reload();
    });
  }
  window.addEventListener("pagehide", function () {
    hush();
    tell("");
  });
  window.addEventListener("pageshow", function () {
    busy = 0;
    left = false;
  });
  if (window.MutationObserver) {
    new MutationObserver(function () {
      if (!exiting()) return;
      hush();
      tell("");
      past = [];
      drop(list);
    }).observe(root, {attributes: true, attributeFilter: ["class"]});
  }
  addReader(main());
})();
