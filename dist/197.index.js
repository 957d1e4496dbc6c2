export const id = 197;
export const ids = [197];
export const modules = {

/***/ 1265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ rootedPattern),
/* harmony export */   W: () => (/* binding */ globRefuses)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/*
 * `update-files` patterns as @actions/glob sees them. Settings must refuse, before any request,
 * every pattern that the library would refuse only later, once the links are reset; the library
 * can only be asked asynchronously, and is kept off the default path, so its rules are restated
 * here. __tests__/file-patterns.test.ts checks that both agree.
 */
const WINDOWS = process.platform === 'win32';
// minimatch refuses longer patterns.
const MAX_PATTERN_LENGTH = 64 * 1024;
/** The pattern rooted at the workspace, as it is handed to @actions/glob; `!` still excludes. */
function rootedPattern(workspace, pattern) {
    return pattern.startsWith('!') ? `!${(0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(workspace, pattern.slice(1))}` : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(workspace, pattern);
}
/** Whether @actions/glob would refuse the rooted pattern: a `.` or `..` segment, once unescaped. */
function globRefuses(rooted) {
    if (rooted.length > MAX_PATTERN_LENGTH)
        return true;
    let pattern = rooted.trim();
    while (pattern.startsWith('!'))
        pattern = pattern.slice(1).trim();
    if (pattern === '')
        return true;
    const segments = pattern.split(WINDOWS ? /[\\/]/ : '/');
    return segments.some((segment, index) => {
        const literal = literalOf(segment);
        return literal === '..' || (literal === '.' && index > 0);
    });
}
/**
 * The segment as a literal name, or '' when it holds a wildcard: `\x` is `x` (except on Windows),
 * and a one-character set `[.]` is that character. The library's own Pattern.getLiteral, restated.
 */
function literalOf(segment) {
    let literal = '';
    for (let i = 0; i < segment.length; i++) {
        const c = segment[i];
        if (c === '\\' && !WINDOWS && i + 1 < segment.length) {
            literal += segment[++i];
            continue;
        }
        if (c === '*' || c === '?')
            return '';
        if (c === '[' && i + 1 < segment.length) {
            const set = characterSet(segment, i + 1);
            if (set !== undefined) {
                if (set.characters.length > 1)
                    return '';
                if (set.characters !== '') {
                    literal += set.characters;
                    i = set.closedAt;
                    continue;
                }
            }
        }
        literal += c;
    }
    return literal;
}
function characterSet(segment, from) {
    let characters = '';
    for (let i = from; i < segment.length; i++) {
        const c = segment[i];
        if (c === '\\' && !WINDOWS && i + 1 < segment.length) {
            characters += segment[++i];
            continue;
        }
        if (c === ']')
            return { characters, closedAt: i };
        characters += c;
    }
    return undefined;
}


/***/ }),

/***/ 9197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseFilePatterns: () => (/* binding */ parseFilePatterns)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _file_patterns_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1265);
/* harmony import */ var _input_reading_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6406);
/* harmony import */ var _text_safety_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2243);





/* The update-files input, read only when it is set. */
/**
 * Patterns must stay inside the workspace, since the action rewrites the files they match, and must
 * be patterns that @actions/glob takes, since it would refuse them only after the links are reset.
 */
function parseFilePatterns(raw, workspace) {
    const lines = (0,_input_reading_js__WEBPACK_IMPORTED_MODULE_3__/* .meaningfulLines */ .KV)(raw, 'update-files');
    return lines.map(({ text, line }) => {
        const pattern = text.replace(/^!/, '');
        const where = lines.length > 1 ? line : undefined;
        const expected = 'expected a glob pattern relative to the workspace, such as docs/**/*.md';
        if ((0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(pattern) || /^[A-Za-z]:/.test(pattern) || pattern.startsWith('~')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('update-files', `holds ${(0,_text_safety_js__WEBPACK_IMPORTED_MODULE_4__/* .quotedInput */ .bY)(text)}, an absolute path; ${expected}`, where);
        }
        if (pattern.split(/[\\/]/).includes('..')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('update-files', `holds ${(0,_text_safety_js__WEBPACK_IMPORTED_MODULE_4__/* .quotedInput */ .bY)(text)}, which reaches outside the workspace; ${expected}`, where);
        }
        if ((0,_file_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .globRefuses */ .W)((0,_file_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .rootedPattern */ .A)(workspace, text))) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('update-files', `holds ${(0,_text_safety_js__WEBPACK_IMPORTED_MODULE_4__/* .quotedInput */ .bY)(text)}, with a "." or ".." segment (also written [.] or \\.), which @actions/glob refuses; ${expected}`, where);
        }
        return text;
    });
}


/***/ })

};

//# sourceMappingURL=197.index.js.map