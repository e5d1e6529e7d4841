// Package program is what every lesson's main and run share: the -addr and
// -max-conns flags, exit codes (2 for a usage mistake, as the flag package
// does), the start-up checks of the files and folders a flag names, and
// Serve, an http.Server with the course's timeouts and limits that shuts
// down gracefully. The course's tools under shared/tools use its flags and
// exit codes too. What a handler uses is in package web.
package program
