export const id = 133;
export const ids = [133];
export const modules = {

/***/ 3133:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describeNetworkError: () => (/* binding */ describeNetworkError),
/* harmony export */   networkError: () => (/* binding */ networkError),
/* harmony export */   timeoutError: () => (/* binding */ timeoutError),
/* harmony export */   tunnelNote: () => (/* binding */ tunnelNote)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/** Why a request got no answer, told as sentences that name the hop that failed and what to do. */
function networkError(error, url, state) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI)
        return error;
    const code = error?.code ?? '';
    const where = `Could not reach RyzeAPI at ${url.origin}`;
    const { proxy } = state;
    const notSent = { cause: error, requestSent: false };
    if (proxy && code === 'ERR_PROXY_TUNNEL')
        return tunnelRefused(error, url, proxy);
    if (proxy && !state.tunnelOpen) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('network', `Could not reach the proxy in ${proxy.variable} at ${proxy.url.origin}: ${describeNetworkError(error)}. ` +
            `Nothing reached RyzeAPI; check that the proxy is running and that ${proxy.variable} names its host and port.`, notSent);
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('tls', `${where}: its TLS certificate is for another host name (${describeNetworkError(error)}). ` +
            `Check the host name in base-url${proxy ? '; a proxy that inspects TLS must present a certificate for it' : ''}.`, notSent);
    }
    if (isCertificateError(code)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('tls', `${where}: its TLS certificate is not trusted (${describeNetworkError(error)}). ` +
            'Check base-url; for a private CA, set NODE_EXTRA_CA_CERTS.', notSent);
    }
    if (!state.requestSent && (code === 'EPROTO' || code.startsWith('ERR_SSL_'))) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('tls', `${where}: that address does not speak TLS (is it a plain-http port?). Check base-url's scheme and port.`, notSent);
    }
    const behind = proxy ? ` through the tunnel that the proxy in ${proxy.variable} had opened` : '';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('network', `${where}${behind}: ${describeNetworkError(error)}.`, {
        cause: error,
        requestSent: state.requestSent
    });
}
/** The deadline passed: the message says which hop had not answered. */
function timeoutError(url, timeoutMs, state) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('timeout', `RyzeAPI at ${url.origin} timed out: no complete answer within ${timeoutMs / 1000} s${tunnelNote(state)}.`, { requestSent: state.requestSent });
}
/** Through a proxy, whether the time went waiting for the proxy or for RyzeAPI behind it. */
function tunnelNote({ proxy, tunnelOpen }) {
    if (!proxy)
        return '';
    return tunnelOpen
        ? `, through the tunnel that the proxy in ${proxy.variable} had opened`
        : `; the proxy in ${proxy.variable} had not opened a tunnel`;
}
/** The proxy answered CONNECT with something other than 200. */
function tunnelRefused(error, url, proxy) {
    const statusCode = error.statusCode;
    const where = `Could not reach RyzeAPI at ${url.origin}`;
    const { variable } = proxy;
    const notSent = { cause: error, requestSent: false };
    if (statusCode === 407 && (proxy.url.username || proxy.url.password)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('proxy', `${where}: the proxy refused the credentials in ${variable} (HTTP 407 Proxy Authentication Required). ` +
            `Check the user name and password in ${variable}, written as http://user:password@proxy:port.`, notSent);
    }
    if (statusCode === 407) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('proxy', `${where}: the proxy in ${variable} needs credentials (HTTP 407 Proxy Authentication Required). ` +
            `Put the user name and password in ${variable}, written as http://user:password@proxy:port.`, notSent);
    }
    if (statusCode === 403) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('proxy', `${where}: the proxy in ${variable} refused to open a tunnel to ${url.host} (HTTP 403 Forbidden). ` +
            `Ask the proxy's administrators to allow ${url.hostname}, or list it in NO_PROXY if the runner may reach it directly.`, notSent);
    }
    const answer = typeof statusCode === 'number'
        ? `answered CONNECT with HTTP ${statusCode}, so no tunnel was opened`
        : `did not open a tunnel (${describeNetworkError(error)})`;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestError */ .GI('network', `${where}: the proxy in ${variable} ${answer}. Check that the proxy can reach ${url.host}.`, notSent);
}
/** A certificate problem does not pass by itself: retrying it only delays the error. */
function isCertificateError(code) {
    return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/.test(code);
}
/** A Node network error in a few words, with its code, any URL's credentials left out, and no period at the end. */
function describeNetworkError(error) {
    const text = (() => {
        if (!(error instanceof Error))
            return String(error);
        const code = error.code;
        return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
    })();
    return text
        .replace(/\/\/[^/\s@]*@/g, '//')
        .trim()
        .replace(/[.\s]+$/, '');
}


/***/ })

};

//# sourceMappingURL=133.index.js.map