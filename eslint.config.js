import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  // .stryker-tmp/ holds mutated copies of the project while `npm run mutation` runs.
  { ignores: ['dist/', 'coverage/', 'lib/', 'node_modules/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bench/*.mjs', 'bench/*.cjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-control-regex': 'off'
    }
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], extends: [tseslint.configs.disableTypeChecked] },
  // Small modules, one concern each: CONTRIBUTING.md and docs/architecture.md.
  { files: ['src/**/*.ts'], rules: { 'max-lines': ['error', { max: 300 }] } },
  prettier
)
