// ESLint over the handbook's own browser scripts (make lint, make check). They are classic scripts, not modules:
// the offline edition runs from file://, where browsers refuse ES modules. Most open with a UMD header that also
// exports them to Node for tests/js/, hence `module` and `require` next to the browser's globals.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["docs/assets/javascripts/vendor/**"] },
  {
    files: ["docs/assets/javascripts/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly", require: "readonly" },
    },
  },
];
