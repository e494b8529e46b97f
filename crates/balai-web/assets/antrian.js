// Live queue pages (our own script, no library). The pages work without it: the display and
// the ticket refresh themselves through <noscript> meta refresh. With it:
// - the display listens to the location's Server-Sent Events, redraws the board at once,
//   chimes and reads each call aloud in Indonesian, and catches up after a network drop;
// - the visitor's ticket reloads when the floor changes, and prints itself at the kiosk.
"use strict";

(function () {
  const display = document.querySelector("[data-queue-display]");
  const ticket = document.querySelector("[data-queue-ticket]");
  const code = display ? display.dataset.queueDisplay : ticket && ticket.dataset.queueLocation;
  if (!code) return;

  if (ticket && ticket.dataset.print === "1" && !sessionStorage.getItem("printed-" + ticket.dataset.queueTicket)) {
    sessionStorage.setItem("printed-" + ticket.dataset.queueTicket, "1");
    window.addEventListener("load", function () { window.print(); });
  }

  let audio = null;
  function chime() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      [660, 880].forEach(function (hz, i) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        const at = audio.currentTime + i * 0.35;
        osc.frequency.value = hz;
        gain.gain.setValueAtTime(0.2, at);
        gain.gain.exponentialRampToValueAtTime(0.001, at + 0.3);
        osc.connect(gain).connect(audio.destination);
        osc.start(at);
        osc.stop(at + 0.32);
      });
    } catch (e) { /* no sound on this device: the screen still shows the call */ }
  }

  function announce(text) {
    const region = document.getElementById("pengumuman");
    if (region) region.textContent = text;
    if (!("speechSynthesis" in window)) return;
    const u = new SpeechSynthesisUtterance(text);
    u.lang = "id-ID";
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  }

  let redrawing = null;
  function redraw() {
    if (redrawing) return;
    redrawing = fetch(window.location.href, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("papan");
        const board = document.getElementById("papan");
        if (fresh && board) board.replaceWith(fresh);
      })
      .catch(function () { /* the next event or reconnect tries again */ })
      .finally(function () { redrawing = null; });
  }

  let reloadTimer = null;
  function reloadSoon() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(function () { window.location.reload(); }, 300);
  }

  const onChange = display ? redraw : reloadSoon;
  let dropped = false;
  function connect() {
    const es = new EventSource("/antrian/layar/" + encodeURIComponent(code) + "/peristiwa");
    es.addEventListener("open", function () {
      if (dropped) { dropped = false; onChange(); }
    });
    es.addEventListener("error", function () {
      dropped = true;
      if (es.readyState === EventSource.CLOSED) { setTimeout(connect, 2000); }
    });
    es.addEventListener("call", function (e) {
      if (display) {
        const ev = JSON.parse(e.data);
        chime();
        if (ev.announcement) setTimeout(function () { announce(ev.announcement); }, 700);
      }
      onChange();
    });
    ["issue", "update", "resync"].forEach(function (kind) { es.addEventListener(kind, onChange); });
  }
  connect();

  const sound = document.querySelector("[data-queue-sound]");
  if (sound) {
    sound.hidden = false;
    sound.addEventListener("click", function () { chime(); sound.hidden = true; });
  }
})();
