// Package domain is the language of milmeet: meetings between defence
// establishments, the delegations and officials who took part, the ceremonies
// held and agreements signed, and the reports they rest on. It holds the
// types, their validation, the Service with the business rules, and the store
// interfaces that package postgres implements.
//
// It imports no other package of the project, and none of the HTTP or
// database libraries.
package domain
