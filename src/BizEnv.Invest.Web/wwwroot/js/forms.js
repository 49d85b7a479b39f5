// After a refused save, move the keyboard focus (and the view) to the first field marked invalid,
// so the reason is seen and announced even when it sits above the button of a long form.
window.investForms = {
  focusFirstInvalid: function () {
    const field = document.querySelector('main .is-invalid');
    if (!field) return;
    field.scrollIntoView({ block: 'center' });
    field.focus({ preventScroll: true });
  }
};
