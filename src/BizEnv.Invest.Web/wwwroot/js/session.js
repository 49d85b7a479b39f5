// Idle timeout in the live page. A Blazor page talks over its websocket, which does not renew the
// sliding sign-in cookie, so: while the user is active we ping /account/keepalive every 5 minutes;
// after 30 minutes without keyboard or mouse we sign out through the page's own logout form.
(function () {
  const idleLimitMs = 30 * 60 * 1000;
  const keepAliveMs = 5 * 60 * 1000;
  let lastActivity = Date.now();
  let lastPing = Date.now();

  ['keydown', 'mousedown', 'touchstart', 'wheel'].forEach(function (name) {
    window.addEventListener(name, function () { lastActivity = Date.now(); }, { passive: true });
  });

  setInterval(function () {
    const form = document.getElementById('logout-form');
    if (!form) return; // signed out pages
    const now = Date.now();
    if (now - lastActivity >= idleLimitMs) {
      form.querySelector('input[name=reason]').value = 'idle';
      form.submit();
    } else if (now - lastPing >= keepAliveMs && lastActivity > lastPing) {
      lastPing = now;
      fetch('/account/keepalive', { credentials: 'same-origin' }).catch(function () { });
    }
  }, 15 * 1000);
})();
