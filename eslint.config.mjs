// ESLint over the handbook's own browser scripts (make lint, make check): eslint:recommended, for classic scripts.
// They are not modules (the offline edition runs from file://, where browsers refuse ES modules) and are joined
// into one bundle per kind of page (hpo_handbook/asset_bundle.py), so one syntax error an older phone's browser
// cannot parse stops every script of the page: the syntax is held at ES2015 (the scripts are written in ES5 plus
// thai-search.js's for...of and Set). Most open with a UMD header that also exports them to Node for tests/js/,
// hence `module` and `require` next to the browser's globals.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["docs/assets/javascripts/vendor/**"] },
  {
    files: ["docs/assets/javascripts/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2015,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly", require: "readonly" },
    },
    rules: {
      ...js.configs.recommended.rules,
      // `catch (e) {}` where the error is not used (storage refused, JSON that does not parse): the binding
      // cannot be left out before ES2019, so an unused caught error is not a finding here.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
];
