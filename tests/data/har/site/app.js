// The numresp HAR test site's script, shared by every page.
//  - reads stats.json (same origin) and shows it;
//  - loads badge.svg from the page's port on the *other* loopback name (127.0.0.1 <-> localhost),
//    so that the HAR has two domains;
//  - on a page with data-probe="refused", loads an image from the next port, where nothing
//    listens (record_har.mjs checks it is closed): a connection refused.
(function () {
  'use strict';
  var port = Number(location.port || 80);
  var otherHost = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';

  var badge = new Image(32, 32);
  badge.alt = 'badge';
  badge.src = location.protocol + '//' + otherHost + ':' + port + '/images/badge.svg';
  document.querySelector('footer').appendChild(badge);

  if (document.body.dataset.probe === 'refused') {
    var probe = new Image(1, 1);
    probe.alt = '';
    probe.src = location.protocol + '//' + location.hostname + ':' + (port + 1) + '/probe.png';
    document.querySelector('footer').appendChild(probe);
  }

  fetch('stats.json')
    .then(function (r) { return r.json(); })
    .then(function (stats) {
      var out = document.querySelector('.stats');
      if (out) out.textContent = stats.pages + ' pages, ' + stats.images + ' images, made by hand';
      document.body.dataset.ready = 'yes';
    })
    .catch(function () { document.body.dataset.ready = 'error'; });
})();
