package main

import (
	"context"
	"fmt"
	"github.com/milmeet/milmeet/internal/postgres"
)

func main() { fmt.Println(postgres.MigrateUp(context.Background(), "postgres://postgres@127.0.0.1:35495/tplm?sslmode=disable")) }
