// NL Design System: only the components this site uses (one package each, at the versions that
// @utrecht/component-library-css 9.0.4 bundled with @utrecht/design-tokens 5), and only the theme
// tokens (scoped to .utrecht-theme). In the bundle's order (by component folder name), so the
// cascade is as before. Using another utrecht-* component? Add its @utrecht/<name>-css here.
// Shared by the public layout (Base.astro) and the staff layout (Staff.astro).
import '@utrecht/design-tokens/dist/theme.css';
import '@utrecht/alert-css';
import '@utrecht/blockquote-css';
import '@utrecht/body-css';
import '@utrecht/button-group-css';
import '@utrecht/button-link-css';
import '@utrecht/button-css';
import '@utrecht/checkbox-css';
import '@utrecht/document-css';
import '@utrecht/form-field-description-css';
import '@utrecht/form-field-error-message-css';
import '@utrecht/form-field-css';
import '@utrecht/form-fieldset-css';
import '@utrecht/form-label-css';
import '@utrecht/form-css';
import '@utrecht/heading-1-css';
import '@utrecht/heading-2-css';
import '@utrecht/heading-3-css';
import '@utrecht/link-css';
import '@utrecht/ordered-list-css';
import '@utrecht/paragraph-css';
import '@utrecht/radio-button-css';
import '@utrecht/select-css';
import '@utrecht/table-css';
import '@utrecht/textarea-css';
import '@utrecht/textbox-css';
import '@utrecht/unordered-list-css';
import '../styles/theme.css';
