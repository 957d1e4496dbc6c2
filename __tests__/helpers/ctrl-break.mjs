// Preloaded into the action (node --import) to stand in for Windows, where the runner's second
// cancellation signal, Ctrl+Break, reaches Node as SIGBREAK. POSIX has no such signal: a test sends
// SIGUSR2, and this turns it into the SIGBREAK that Windows would deliver.
process.on('SIGUSR2', () => process.emit('SIGBREAK'))
