// The credential handlers hold a token and import nothing: no need to defer them.
export * from '@actions/http-client/lib/auth'
