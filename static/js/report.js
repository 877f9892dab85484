// The report: a print button, and copying or sending a share link.
// Buttons stay hidden without JavaScript; the link itself is always there to select by hand.
import {t} from './i18n.js';


function setUpPrint(root) {
  for (const button of root.querySelectorAll('[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
}

async function shareOrCopy(url, status) {
  if (navigator.share) {
    try {
      await navigator.share({title: t('Sciatica report'), url});
      status.textContent = t('Sent.');
      return;
    } catch (error) {
      if (error.name === 'AbortError') return;   // the person closed the share sheet
    }
  }
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = t('Copied. Paste it into a message or email.');
      return;
    } catch (error) { /* fall through to selecting the text */ }
  }
  const field = document.getElementById('share-url');
  if (field) {
    field.focus();
    field.select();
  }
  status.textContent = t('The link is selected: copy it with your phone or keyboard.');
}

function setUpShare(root) {
  const status = root.querySelector('[data-share-status]');
  for (const button of root.querySelectorAll('[data-share-url]')) {
    button.hidden = false;
    button.addEventListener('click', () => shareOrCopy(button.dataset.shareUrl, status));
  }
}

function setUp() {
  setUpPrint(document);
  setUpShare(document);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', setUp);
} else {
  setUp();
}
